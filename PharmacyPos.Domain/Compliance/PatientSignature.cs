using System.Globalization;
using System.Text;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>A point of a pen stroke on the signature pad, in the pad's pixels.</summary>
public readonly record struct SignaturePoint(int X, int Y);

/// <summary>
/// A purchaser's or patient's signature from the pad at the counter (the listed-chemical logbook,
/// prescription pickup). A blank pad, a tap or a scribble too short to be a signature is refused, and
/// so is anything too large to keep. Strokes are kept as text: strokes separated by ';', points by ' ',
/// coordinates "x,y".
/// </summary>
public sealed record PatientSignature
{
    /// <summary>Fewer points than this is a tap or a slip of the pen, not a signature.</summary>
    public const int MinimumPoints = 10;
    public const int MaxPoints = 5_000;
    public const int MaxStrokes = 200;
    public const int MaxCoordinate = 10_000;
    /// <summary>Largest PNG kept, in bytes: a signature pad's picture is far smaller.</summary>
    public const int MaxPngBytes = 256 * 1024;
    public const string PngDataUrlPrefix = "data:image/png;base64,";
    /// <summary>PNG file signature (PNG specification, section 5.2).</summary>
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    /// <summary>The smallest possible PNG (signature, IHDR, IDAT, IEND) is 67 bytes; less holds no picture.</summary>
    private const int SmallestPngBytes = 67;

    private PatientSignature() { }

    public SignatureFormat Format { get; private init; }
    /// <summary>The strokes as text, or the data URL.</summary>
    public string Data { get; private init; } = "";
    /// <summary>Points drawn, for strokes; 0 for a picture.</summary>
    public int PointCount { get; private init; }

    public static PatientSignature FromStrokes(IEnumerable<IReadOnlyList<SignaturePoint>>? strokes) =>
        TryFromStrokes(strokes, out var s, out var error) ? s! : throw new DomainException(error!);

    public static PatientSignature FromPngDataUrl(string? dataUrl) =>
        TryFromPngDataUrl(dataUrl, out var s, out var error) ? s! : throw new DomainException(error!);

    public static bool TryFromStrokes(IEnumerable<IReadOnlyList<SignaturePoint>>? strokes, out PatientSignature? signature, out string? error)
    {
        signature = null;
        var list = (strokes ?? []).Where(s => s is { Count: > 0 }).ToList();
        var points = list.Sum(s => s.Count);
        error = points == 0 ? "The signature pad is empty; ask the purchaser to sign."
            : points < MinimumPoints ? "That is too short to be a signature; clear the pad and ask the purchaser to sign their name."
            : points > MaxPoints || list.Count > MaxStrokes ? "The signature is too large to keep; clear the pad and sign again."
            : list.Any(s => s.Any(p => p.X is < 0 or > MaxCoordinate || p.Y is < 0 or > MaxCoordinate)) ? "The signature pad sent points outside the pad; clear it and sign again."
            : null;
        if (error is not null)
            return false;

        var text = new StringBuilder();
        foreach (var stroke in list)
        {
            if (text.Length > 0) text.Append(';');
            text.AppendJoin(' ', stroke.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X},{p.Y}")));
        }
        signature = new PatientSignature { Format = SignatureFormat.Strokes, Data = text.ToString(), PointCount = points };
        return true;
    }

    public static bool TryFromPngDataUrl(string? dataUrl, out PatientSignature? signature, out string? error)
    {
        signature = null;
        var url = (dataUrl ?? string.Empty).Trim();
        if (url.Length == 0)
        {
            error = "The signature pad is empty; ask the purchaser to sign.";
            return false;
        }
        if (!url.StartsWith(PngDataUrlPrefix, StringComparison.OrdinalIgnoreCase))
        {
            error = "The signature pad did not send a PNG picture; clear it and sign again.";
            return false;
        }
        var base64 = url[PngDataUrlPrefix.Length..];
        // Checked on the text first so a huge upload is refused before it is decoded.
        if (base64.Length > (MaxPngBytes + 2) / 3 * 4)
        {
            error = "The signature is too large to keep; clear the pad and sign again.";
            return false;
        }
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            error = "The signature picture is damaged; clear the pad and sign again.";
            return false;
        }
        if (length == 0)
        {
            error = "The signature pad is empty; ask the purchaser to sign.";
            return false;
        }
        if (length < SmallestPngBytes || !bytes.AsSpan(0, PngMagic.Length).SequenceEqual(PngMagic))
        {
            error = "The signature picture is damaged; clear the pad and sign again.";
            return false;
        }
        if (length > MaxPngBytes)
        {
            error = "The signature is too large to keep; clear the pad and sign again.";
            return false;
        }
        error = null;
        signature = new PatientSignature { Format = SignatureFormat.PngDataUrl, Data = PngDataUrlPrefix + base64 };
        return true;
    }

    /// <summary>The strokes back as points; empty for a picture.</summary>
    public IReadOnlyList<IReadOnlyList<SignaturePoint>> Strokes()
    {
        if (Format != SignatureFormat.Strokes)
            return [];
        return Data.Split(';').Select(stroke => (IReadOnlyList<SignaturePoint>)stroke.Split(' ')
            .Select(point =>
            {
                var comma = point.IndexOf(',', StringComparison.Ordinal);
                return new SignaturePoint(
                    int.Parse(point.AsSpan(0, comma), CultureInfo.InvariantCulture),
                    int.Parse(point.AsSpan(comma + 1), CultureInfo.InvariantCulture));
            }).ToList()).ToList();
    }

    /// <summary>The picture's bytes; empty for strokes.</summary>
    public byte[] PngBytes() =>
        Format == SignatureFormat.PngDataUrl ? Convert.FromBase64String(Data[PngDataUrlPrefix.Length..]) : [];

    public override string ToString() => Format == SignatureFormat.Strokes
        ? $"Signature ({PointCount} points)"
        : "Signature (picture)";
}
