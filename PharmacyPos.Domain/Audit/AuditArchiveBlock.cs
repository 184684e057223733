using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PharmacyPos.Domain.Audit;

/// <summary>One record of an archive block: its canonical text exactly as hashed, with its chain link.</summary>
public sealed record AuditArchiveEntry(long Sequence, long PreviousSequence, string PreviousHash, string Hash, string CanonicalRecord);

/// <summary>
/// A closed run of chained audit records, written once to the archive. The file is JSON Lines
/// (UTF-8, one JSON object per line, each line ending in "\n"), readable without this program:
/// <code>
/// {"type":"header","format":"pharmacypos-audit-archive/1","block":42,"previousBlockHash":"…","firstSequence":41001,"lastSequence":42000,"count":1000}
/// {"type":"record","sequence":41001,"previousSequence":41000,"previousHash":"…","hash":"…","record":{…canonical form…}}
/// …
/// {"type":"trailer","block":42,"count":1000,"blockHash":"…"}
/// </code>
/// The record's hash is <see cref="AuditHash"/> over its canonical text (the "record" member's
/// exact characters). The block hash is lowercase hex SHA-256 over the UTF-8 of
/// <c>previousBlockHash + "\n"</c> followed by every byte of the file before the trailer line.
/// Block 1 follows <see cref="AuditHash.Genesis"/>.
/// </summary>
public sealed class AuditArchiveBlock
{
    public const string Format = "pharmacypos-audit-archive/1";

    private AuditArchiveBlock(
        long blockNumber, string previousBlockHash, string blockHash, IReadOnlyList<AuditArchiveEntry> entries, ReadOnlyMemory<byte> content)
    {
        BlockNumber = blockNumber;
        PreviousBlockHash = previousBlockHash;
        BlockHash = blockHash;
        Entries = entries;
        Content = content;
    }

    public long BlockNumber { get; }
    public string PreviousBlockHash { get; }
    /// <summary>The block hash its trailer states (for a block read back, check it with <see cref="ComputeBlockHash"/>).</summary>
    public string BlockHash { get; }
    public IReadOnlyList<AuditArchiveEntry> Entries { get; }
    public long FirstSequence => Entries[0].Sequence;
    public long LastSequence => Entries[^1].Sequence;
    public string LastHash => Entries[^1].Hash;
    /// <summary>The file's bytes, as written or as read.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Closes a block over chained records that continue from the previous block (null for block 1).</summary>
    /// <exception cref="InvalidOperationException">The records do not continue the chain or do not match their hashes: the trail must be verified before it is archived.</exception>
    public static AuditArchiveBlock Create(
        AuditArchiveBlock? previous, IReadOnlyList<(AuditEvent Event, AuditChainLink Link)> chainedRecords)
    {
        ArgumentNullException.ThrowIfNull(chainedRecords);
        if (chainedRecords.Count == 0)
            throw new ArgumentException("An archive block holds at least one record.", nameof(chainedRecords));
        var blockNumber = (previous?.BlockNumber ?? 0) + 1;
        var previousBlockHash = previous?.BlockHash ?? AuditHash.Genesis;
        var previousSequence = previous?.LastSequence ?? 0;
        var previousHash = previous?.LastHash ?? AuditHash.Genesis;

        var entries = new List<AuditArchiveEntry>(chainedRecords.Count);
        foreach (var (auditEvent, link) in chainedRecords)
        {
            if (link.Sequence != auditEvent.Sequence)
                throw new InvalidOperationException($"Chain link {link.Sequence} was paired with audit record {auditEvent.Sequence}.");
            if (link.PreviousSequence != previousSequence || !string.Equals(link.PreviousHash, previousHash, StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"Audit record {link.Sequence} does not continue the archive from record {previousSequence}; verify the audit trail.");
            var canonical = AuditCanonicalForm.Serialize(auditEvent);
            if (!string.Equals(AuditHash.Compute(link.PreviousHash, canonical), link.Hash, StringComparison.Ordinal))
                throw new InvalidOperationException($"Audit record {link.Sequence} does not match its chain hash; verify the audit trail.");
            entries.Add(new AuditArchiveEntry(link.Sequence, link.PreviousSequence, link.PreviousHash, link.Hash, canonical));
            previousSequence = link.Sequence;
            previousHash = link.Hash;
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture,
            $"{{\"type\":\"header\",\"format\":\"{Format}\",\"block\":{blockNumber},\"previousBlockHash\":\"{previousBlockHash}\",\"firstSequence\":{entries[0].Sequence},\"lastSequence\":{entries[^1].Sequence},\"count\":{entries.Count}}}\n");
        foreach (var entry in entries)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"record\",\"sequence\":{entry.Sequence},\"previousSequence\":{entry.PreviousSequence},\"previousHash\":\"{entry.PreviousHash}\",\"hash\":\"{entry.Hash}\",\"record\":{entry.CanonicalRecord}}}\n");
        }
        var bodyBytes = Encoding.UTF8.GetBytes(body.ToString());
        var blockHash = ComputeBlockHash(previousBlockHash, bodyBytes);
        var trailer = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"trailer\",\"block\":{blockNumber},\"count\":{entries.Count},\"blockHash\":\"{blockHash}\"}}\n"));
        var content = new byte[bodyBytes.Length + trailer.Length];
        bodyBytes.CopyTo(content, 0);
        trailer.CopyTo(content, bodyBytes.Length);
        return new AuditArchiveBlock(blockNumber, previousBlockHash, blockHash, entries, content);
    }

    /// <summary>SHA-256 over <c>previousBlockHash + "\n"</c> and the block's bytes before its trailer line.</summary>
    public static string ComputeBlockHash(string previousBlockHash, ReadOnlySpan<byte> contentBeforeTrailer)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(previousBlockHash + "\n"));
        sha.AppendData(contentBeforeTrailer);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The block hash computed from the bytes read, to compare with <see cref="BlockHash"/>.</summary>
    public string ComputeBlockHash()
    {
        var span = Content.Span[..^1];
        var trailerStart = span.LastIndexOf((byte)'\n') + 1;
        return ComputeBlockHash(PreviousBlockHash, Content.Span[..trailerStart]);
    }

    /// <summary>
    /// Reads a block's file. Checks its shape only (every line present and well formed); the
    /// hashes are checked by <see cref="AuditArchiveVerifier"/>. Never throws on bad input.
    /// </summary>
    /// <param name="problem">What is wrong with the file, in words for the person checking the archive.</param>
    public static bool TryRead(ReadOnlyMemory<byte> content, out AuditArchiveBlock? block, out string? problem)
    {
        block = null;
        try
        {
            block = Read(content);
            problem = null;
            return true;
        }
        catch (ArchiveFormatException e)
        {
            problem = e.Message;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = "it is not in the archive's format.";
        }
        return false;
    }

    private static AuditArchiveBlock Read(ReadOnlyMemory<byte> content)
    {
        if (content.IsEmpty) throw new ArchiveFormatException("the file is empty.");
        // Every line, the closing one included, ends in "\n": a file that does not was cut short.
        if (content.Span[^1] != (byte)'\n')
            throw new ArchiveFormatException("it ends before its closing line: the file was cut short.");
        var lines = SplitLines(content);
        using var header = ParseLine(lines[0], 1);
        var head = header.RootElement;
        if (Text(head, "type", 1) != "header")
            throw new ArchiveFormatException("its first line is not the block's header.");
        var format = Text(head, "format", 1);
        if (format != Format)
            throw new ArchiveFormatException($"it is in the format \"{format}\", which this version cannot check.");
        var blockNumber = Integer(head, "block", 1);
        var previousBlockHash = Hash(head, "previousBlockHash", 1);
        var count = Integer(head, "count", 1);
        var firstSequence = Integer(head, "firstSequence", 1);
        var lastSequence = Integer(head, "lastSequence", 1);
        if (count < 1)
            throw new ArchiveFormatException("its header says it holds no records.");

        var entries = new List<AuditArchiveEntry>();
        string? blockHash = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            using var line = ParseLine(lines[i], lineNumber);
            var root = line.RootElement;
            var type = Text(root, "type", lineNumber);
            if (type == "trailer")
            {
                if (i != lines.Count - 1)
                    throw new ArchiveFormatException($"line {lineNumber} closes the block, but more lines follow it.");
                if (Integer(root, "block", lineNumber) != blockNumber || Integer(root, "count", lineNumber) != count)
                    throw new ArchiveFormatException("its closing line does not match its header.");
                blockHash = Hash(root, "blockHash", lineNumber);
                break;
            }
            if (type != "record")
                throw new ArchiveFormatException($"line {lineNumber} is neither a record nor the closing line.");
            if (!root.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
                throw new ArchiveFormatException($"line {lineNumber} has no record.");
            var sequence = Integer(root, "sequence", lineNumber);
            if (!record.TryGetProperty("sequence", out var recordSequence) || !recordSequence.TryGetInt64(out var inner) || inner != sequence)
                throw new ArchiveFormatException($"line {lineNumber} is filed as record {sequence} but holds another record.");
            entries.Add(new AuditArchiveEntry(
                sequence,
                Integer(root, "previousSequence", lineNumber),
                Hash(root, "previousHash", lineNumber),
                Hash(root, "hash", lineNumber),
                record.GetRawText()));
        }

        if (blockHash is null)
            throw new ArchiveFormatException("it ends before its closing line: the file was cut short.");
        if (entries.Count != count)
            throw new ArchiveFormatException($"its header says it holds {count} records but it holds {entries.Count}.");
        if (entries[0].Sequence != firstSequence || entries[^1].Sequence != lastSequence)
            throw new ArchiveFormatException("its header does not match the records it holds.");
        return new AuditArchiveBlock(blockNumber, previousBlockHash, blockHash, entries, content);
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> content)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var rest = content;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            if (end < 0)
            {
                lines.Add(rest);
                break;
            }
            lines.Add(rest[..end]);
            rest = rest[(end + 1)..];
        }
        return lines;
    }

    private static JsonDocument ParseLine(ReadOnlyMemory<byte> line, int lineNumber)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new ArchiveFormatException($"line {lineNumber} is not a JSON object.");
            }
            return document;
        }
        catch (JsonException)
        {
            throw new ArchiveFormatException($"line {lineNumber} is not valid JSON.");
        }
    }

    private static string Text(JsonElement element, string name, int lineNumber) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ArchiveFormatException($"line {lineNumber} has no \"{name}\".");

    private static long Integer(JsonElement element, string name, int lineNumber) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new ArchiveFormatException($"line {lineNumber} has no whole number \"{name}\".");

    private static string Hash(JsonElement element, string name, int lineNumber)
    {
        var hash = Text(element, name, lineNumber);
        return AuditHash.IsWellFormed(hash)
            ? hash
            : throw new ArchiveFormatException($"line {lineNumber} has a \"{name}\" that is not a SHA-256 hash.");
    }

    private sealed class ArchiveFormatException(string message) : Exception(message);
}
