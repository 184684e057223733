using System.Runtime.CompilerServices;

namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>
/// The audit archive in a folder, for the embedded default: the same block files as in Blob
/// Storage, under <c>blocks/</c>. A block is written to a temporary file and moved into place
/// without overwriting, so a crash never leaves half a block under a block's name; the file is
/// then made read-only.
/// </summary>
public sealed class LocalFolderAuditArchiveStore : IAuditArchiveStore
{
    private readonly string _blocks;

    public LocalFolderAuditArchiveStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        _blocks = Path.Combine(Folder, AuditArchiveBlockNames.Folder);
    }

    public string Folder { get; }

    public string Location => Folder;

    public async Task WriteBlockAsync(long blockNumber, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(blockNumber);
        if (File.Exists(path))
        {
            await CheckSameAsync(blockNumber, path, content, cancellationToken);
            return;
        }
        Directory.CreateDirectory(_blocks);
        var temporary = Path.Combine(_blocks, $".{AuditArchiveBlockNames.FileName(blockNumber)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer put the block in place first.
                await CheckSameAsync(blockNumber, path, content, cancellationToken);
                return;
            }
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public async IAsyncEnumerable<(long BlockNumber, ReadOnlyMemory<byte> Content)> ReadBlocksAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (blockNumber, path) in Listing())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return (blockNumber, await File.ReadAllBytesAsync(path, cancellationToken));
        }
    }

    public async Task<ReadOnlyMemory<byte>?> ReadBlockAsync(long blockNumber, CancellationToken cancellationToken)
    {
        var path = PathOf(blockNumber);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<long?> LastBlockNumberAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Listing().Select(b => (long?)b.BlockNumber).LastOrDefault());

    private string PathOf(long blockNumber) => Path.Combine(_blocks, AuditArchiveBlockNames.FileName(blockNumber));

    private List<(long BlockNumber, string Path)> Listing()
    {
        if (!Directory.Exists(_blocks)) return [];
        var blocks = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(_blocks, "*" + AuditArchiveBlockNames.Extension))
        {
            if (AuditArchiveBlockNames.TryParse(Path.GetFileName(path), out var blockNumber))
                blocks.Add((blockNumber, path));
        }
        blocks.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return blocks;
    }

    private async Task CheckSameAsync(long blockNumber, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var existing = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!existing.AsSpan().SequenceEqual(content.Span))
            throw new AuditArchiveBlockConflictException(blockNumber, Location);
    }
}
