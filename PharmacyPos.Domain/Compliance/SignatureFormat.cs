namespace PharmacyPos.Domain.Compliance;

/// <summary>How a signature pad handed over the signature.</summary>
public enum SignatureFormat
{
    /// <summary>The pen's strokes as points on the pad.</summary>
    Strokes,
    /// <summary>A PNG picture as a data URL ("data:image/png;base64,...").</summary>
    PngDataUrl,
}
