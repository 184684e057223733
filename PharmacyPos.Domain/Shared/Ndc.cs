namespace PharmacyPos.Domain.Shared;

/// <summary>
/// A National Drug Code held in the 11-digit 5-4-2 form used for billing (HIPAA standard).
/// The 10-digit labeler-product-package forms (4-4-2, 5-3-2, 5-4-1) are padded with a
/// leading zero in the short segment to reach 5-4-2 (FDA NDC Directory conventions).
/// The 10-digit form does not say where its segments split, so an NDC read from a barcode
/// has up to three 11-digit candidates; the catalog picks the one it lists.
/// </summary>
public readonly record struct Ndc
{
    public const int Length = 11;
    public const int TenDigitLength = 10;

    /// <summary>US drug UPCs carry the 10-digit NDC after the number-system digit 3 (GS1 US, FDA 21 CFR 201.25).</summary>
    private const string DrugPrefixInGtin = "03";

    public string Value { get; }

    private Ndc(string value) => Value = value;

    /// <summary>Takes the 11-digit form, with or without hyphens as 5-4-2.</summary>
    public static Ndc FromEleven(string text)
    {
        var digits = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
            throw new DomainException($"\"{text}\" is not an 11-digit NDC (5-4-2).");
        return new Ndc(digits);
    }

    /// <summary>Reads an NDC as typed or printed; see <see cref="TryParse(string?, out Ndc, out NdcFormat?, out string?)"/>.</summary>
    public static Ndc Parse(string text) =>
        TryParse(text, out var ndc, out _, out var error) ? ndc : throw new DomainException(error!);

    public static bool TryParse(string? text, out Ndc ndc, out string? error) =>
        TryParse(text, out ndc, out _, out error);

    /// <summary>
    /// Reads an NDC as typed or printed on the label: 10 digits with hyphens (4-4-2, 5-3-2, 5-4-1;
    /// the hyphens tell the format, returned in <paramref name="tenDigitFormat"/>), or the 11-digit
    /// billing form with hyphens (5-4-2) or without. A leading "NDC" is ignored.
    /// Ten digits without hyphens are refused: nothing tells where the zero goes.
    /// </summary>
    public static bool TryParse(string? text, out Ndc ndc, out NdcFormat? tenDigitFormat, out string? error)
    {
        ndc = default;
        tenDigitFormat = null;
        var t = WithoutNdcWord((text ?? string.Empty).Trim());
        if (t.Length == 0)
        {
            error = "Enter an NDC.";
            return false;
        }
        if (!t.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            error = $"\"{t}\" is not an NDC: it should have only digits and hyphens.";
            return false;
        }
        if (!t.Contains('-', StringComparison.Ordinal))
        {
            if (t.Length == Length)
            {
                ndc = new Ndc(t);
                error = null;
                return true;
            }
            error = t.Length == TenDigitLength
                ? $"\"{t}\" has 10 digits: type the NDC with its hyphens as on the label (for example 1234-5678-90), or as 11 digits."
                : $"\"{t}\" has {t.Length} digits; an NDC has 10 digits with hyphens or 11 digits.";
            return false;
        }
        var parts = t.Split('-');
        var shape = parts.Length == 3 ? $"{parts[0].Length}-{parts[1].Length}-{parts[2].Length}" : "";
        NdcFormat? format = shape switch
        {
            "4-4-2" => NdcFormat.FourFourTwo,
            "5-3-2" => NdcFormat.FiveThreeTwo,
            "5-4-1" => NdcFormat.FiveFourOne,
            _ => null,
        };
        var digits = string.Concat(parts);
        if (format is { } f)
        {
            ndc = FromTenDigit(digits, f);
            tenDigitFormat = f;
            error = null;
            return true;
        }
        if (shape == "5-4-2")
        {
            ndc = new Ndc(digits);
            error = null;
            return true;
        }
        error = $"\"{t}\" is not an NDC: its parts should be 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits long.";
        return false;
    }

    /// <summary>The 11-digit NDC of a 10-digit one whose format is known: a zero goes in front of the short segment.</summary>
    public static Ndc FromTenDigit(string tenDigits, NdcFormat format)
    {
        var d = RequireTenDigits(tenDigits);
        return format switch
        {
            NdcFormat.FourFourTwo => new Ndc("0" + d),
            NdcFormat.FiveThreeTwo => new Ndc(string.Concat(d.AsSpan(0, 5), "0", d.AsSpan(5))),
            NdcFormat.FiveFourOne => new Ndc(string.Concat(d.AsSpan(0, 9), "0", d.AsSpan(9))),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an NDC format."),
        };
    }

    /// <summary>
    /// The 11-digit NDCs a 10-digit one may stand for, in the order 4-4-2, 5-3-2, 5-4-1
    /// (fewer than three only when two readings give the same digits).
    /// </summary>
    public static IReadOnlyList<Ndc> CandidatesFromTenDigits(string tenDigits)
    {
        var d = RequireTenDigits(tenDigits);
        return Enum.GetValues<NdcFormat>().Select(f => FromTenDigit(d, f)).Distinct().ToArray();
    }

    /// <summary>
    /// The NDC candidates carried in a drug's GTIN: indicator digit, "03", the 10-digit NDC,
    /// check digit (GS1 US guidance for NDCs in GTINs; a UPC-A "3" + NDC + check digit is the
    /// same number). False, with no candidates, for any other GTIN.
    /// </summary>
    public static bool TryFromGtin(Gtin gtin, out IReadOnlyList<Ndc> candidates)
    {
        var v = gtin.Value;
        // Indicator 9 marks a variable-measure item, never a drug package.
        if (v is null || v[0] == '9' || !v.AsSpan(1).StartsWith(DrugPrefixInGtin, StringComparison.Ordinal))
        {
            candidates = [];
            return false;
        }
        candidates = CandidatesFromTenDigits(v.Substring(3, TenDigitLength));
        return true;
    }

    public string Labeler => Value[..5];
    public string ProductCode => Value[5..9];
    public string PackageCode => Value[9..];

    /// <summary>The 10-digit formats this NDC can be written in: those whose padding zero is in place.</summary>
    public IReadOnlyList<NdcFormat> TenDigitFormats
    {
        get
        {
            var value = Value;
            return Enum.GetValues<NdcFormat>().Where(f => value[PaddingPosition(f)] == '0').ToArray();
        }
    }

    /// <summary>The 10 digits printed on the package, without hyphens, in the given format.</summary>
    public string ToTenDigit(NdcFormat format) =>
        TryToTenDigit(format, out var digits)
            ? digits
            : throw new DomainException($"NDC {this} cannot be written as {format.Label()}: check the format on the label.");

    public bool TryToTenDigit(NdcFormat format, out string digits)
    {
        var at = PaddingPosition(format);
        if (Value is null || Value[at] != '0')
        {
            digits = "";
            return false;
        }
        digits = Value.Remove(at, 1);
        return true;
    }

    /// <summary>The 10-digit NDC with hyphens, as the FDA lists it and the label shows it (for example 1234-5678-90).</summary>
    public string ToFdaForm(NdcFormat format)
    {
        var d = ToTenDigit(format);
        var (labeler, product, _) = format.Segments();
        return $"{d[..labeler]}-{d.Substring(labeler, product)}-{d[(labeler + product)..]}";
    }

    /// <summary>
    /// The GTIN of the drug package: indicator digit, "03", the 10-digit NDC, check digit.
    /// Indicator 0 (the default) is the unit sold; its UPC-A is "3" + NDC + check digit.
    /// </summary>
    public Gtin ToGtin(NdcFormat format, int indicatorDigit = 0)
    {
        if (indicatorDigit is < 0 or > 8)
            throw new DomainException("A drug package's indicator digit is 0 to 8.");
        return Gtin.FromBody($"{indicatorDigit}{DrugPrefixInGtin}{ToTenDigit(format)}");
    }

    /// <summary>Shown as 5-4-2 with hyphens, as on a pharmacy label.</summary>
    public override string ToString() => $"{Labeler}-{ProductCode}-{PackageCode}";

    /// <summary>Where the padding zero sits in the 11-digit form.</summary>
    private static int PaddingPosition(NdcFormat format) => format switch
    {
        NdcFormat.FourFourTwo => 0,
        NdcFormat.FiveThreeTwo => 5,
        NdcFormat.FiveFourOne => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an NDC format."),
    };

    private static string RequireTenDigits(string tenDigits)
    {
        var d = (tenDigits ?? string.Empty).Trim();
        if (d.Length != TenDigitLength || !d.All(char.IsAsciiDigit))
            throw new DomainException($"\"{tenDigits}\" is not a 10-digit NDC.");
        return d;
    }

    private static string WithoutNdcWord(string text)
    {
        if (!text.StartsWith("NDC", StringComparison.OrdinalIgnoreCase)) return text;
        return text[3..].TrimStart(' ', ':', '#').Trim();
    }
}
