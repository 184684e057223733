using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PharmacyPos.Domain.Audit;

/// <summary>
/// The chain hash of an audit record: lowercase hex SHA-256 over the UTF-8 bytes of
/// <c>previousHash + "\n" + canonical form</c>. The first record's previous hash is <see cref="Genesis"/>.
/// </summary>
public static class AuditHash
{
    public const int Length = 64;
    public static readonly string Genesis = new('0', Length);

    public static string Compute(string previousHash, AuditEvent auditEvent) =>
        Compute(previousHash, AuditCanonicalForm.Serialize(auditEvent));

    public static string Compute(string previousHash, string canonicalForm)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(canonicalForm);
        var text = string.Concat(previousHash, "\n", canonicalForm);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return Sha256Hex(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool IsWellFormed(string? hash) =>
        hash is { Length: Length } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
