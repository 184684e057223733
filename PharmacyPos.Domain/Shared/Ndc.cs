namespace PharmacyPos.Domain.Shared;

/// <summary>
/// A National Drug Code held in the 11-digit 5-4-2 form used for billing (HIPAA standard).
/// The 10-digit labeler-product-package forms (4-4-2, 5-3-2, 5-4-1) are padded with a
/// leading zero in the short segment to reach 5-4-2 (FDA NDC Directory conventions).
/// </summary>
public readonly record struct Ndc
{
    public const int Length = 11;
    public string Value { get; }

    private Ndc(string value) => Value = value;

    /// <summary>Takes the 11-digit form, with or without hyphens as 5-4-2.</summary>
    public static Ndc FromEleven(string text)
    {
        var digits = text.Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
            throw new DomainException($"\"{text}\" is not an 11-digit NDC (5-4-2).");
        return new Ndc(digits);
    }

    public string Labeler => Value[..5];
    public string ProductCode => Value[5..9];
    public string PackageCode => Value[9..];

    /// <summary>Shown as 5-4-2 with hyphens, as on a pharmacy label.</summary>
    public override string ToString() => $"{Labeler}-{ProductCode}-{PackageCode}";
}
