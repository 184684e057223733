namespace PharmacyPos.Domain.Shared;

/// <summary>
/// How the FDA split a 10-digit NDC into labeler, product and package segments
/// (21 CFR 207.33: 4-4-2, 5-3-2 or 5-4-1). The hyphens on the label show which one.
/// </summary>
public enum NdcFormat
{
    /// <summary>4-digit labeler, 4-digit product, 2-digit package: 1234-5678-90.</summary>
    FourFourTwo,
    /// <summary>5-digit labeler, 3-digit product, 2-digit package: 12345-678-90.</summary>
    FiveThreeTwo,
    /// <summary>5-digit labeler, 4-digit product, 1-digit package: 12345-6789-0.</summary>
    FiveFourOne,
}

public static class NdcFormatExtensions
{
    /// <summary>Segment lengths as written on the label, for example "4-4-2".</summary>
    public static string Label(this NdcFormat format) => format switch
    {
        NdcFormat.FourFourTwo => "4-4-2",
        NdcFormat.FiveThreeTwo => "5-3-2",
        NdcFormat.FiveFourOne => "5-4-1",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an NDC format."),
    };

    /// <summary>Lengths of the labeler, product and package segments.</summary>
    internal static (int Labeler, int Product, int Package) Segments(this NdcFormat format) => format switch
    {
        NdcFormat.FourFourTwo => (4, 4, 2),
        NdcFormat.FiveThreeTwo => (5, 3, 2),
        NdcFormat.FiveFourOne => (5, 4, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an NDC format."),
    };
}
