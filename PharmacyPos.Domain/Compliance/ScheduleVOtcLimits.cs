using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// How much Schedule V medicine one purchaser may buy without a prescription in any 48 hours (21 CFR 1306.26(b)):
/// not more than 240 mL (8 fl oz) of any containing opium, nor more than 120 mL (4 fl oz) of any other, nor more
/// than 48 dosage units of any containing opium, nor more than 24 dosage units of any other. Each is counted on
/// its own. A branch may set stricter limits (state law or its own policy), never looser ones.
/// </summary>
public sealed record ScheduleVOtcLimits
{
    public const decimal FederalOpiumMilliliters = 240m;
    public const decimal FederalOtherMilliliters = 120m;
    public const int FederalOpiumDosageUnits = 48;
    public const int FederalOtherDosageUnits = 24;

    public static readonly ScheduleVOtcLimits Federal = new(FederalOpiumMilliliters, FederalOtherMilliliters, FederalOpiumDosageUnits, FederalOtherDosageUnits);

    public decimal OpiumMilliliters { get; }
    public decimal OtherMilliliters { get; }
    public int OpiumDosageUnits { get; }
    public int OtherDosageUnits { get; }

    public ScheduleVOtcLimits(decimal opiumMilliliters, decimal otherMilliliters, int opiumDosageUnits, int otherDosageUnits)
    {
        if (opiumMilliliters <= 0 || otherMilliliters <= 0 || opiumDosageUnits < 1 || otherDosageUnits < 1)
            throw new DomainException("Each Schedule V limit must allow some amount; to sell none, turn Schedule V sales off.");
        if (opiumMilliliters > FederalOpiumMilliliters || otherMilliliters > FederalOtherMilliliters
            || opiumDosageUnits > FederalOpiumDosageUnits || otherDosageUnits > FederalOtherDosageUnits)
            throw new DomainException(
                $"A branch may be stricter than the federal Schedule V limits ({FederalOpiumMilliliters:0} mL containing opium, {FederalOtherMilliliters:0} mL of any other, "
                + $"{FederalOpiumDosageUnits} dosage units containing opium, {FederalOtherDosageUnits} of any other, per purchaser in 48 hours), never looser.");
        OpiumMilliliters = opiumMilliliters;
        OtherMilliliters = otherMilliliters;
        OpiumDosageUnits = opiumDosageUnits;
        OtherDosageUnits = otherDosageUnits;
    }

    /// <summary>The limit that counts this kind of amount.</summary>
    public decimal For(ScheduleVMeasure measure, bool containsOpium) => (measure, containsOpium) switch
    {
        (ScheduleVMeasure.Milliliters, true) => OpiumMilliliters,
        (ScheduleVMeasure.Milliliters, false) => OtherMilliliters,
        (ScheduleVMeasure.DosageUnits, true) => OpiumDosageUnits,
        (ScheduleVMeasure.DosageUnits, false) => OtherDosageUnits,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Not a Schedule V measure."),
    };
}
