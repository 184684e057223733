using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Catalog;

/// <summary>How 21 CFR 1306.26(b) measures a Schedule V medicine sold without a prescription.</summary>
public enum ScheduleVMeasure
{
    /// <summary>Liquids, by volume: 240 mL (8 fl oz) containing opium, 120 mL (4 fl oz) of any other.</summary>
    Milliliters,
    /// <summary>Solids, by dosage units: 48 containing opium, 24 of any other.</summary>
    DosageUnits,
}

/// <summary>
/// What one package of a Schedule V medicine holds as the regulation counts it: its volume in mL (a liquid) or
/// its dosage units (tablets, capsules), and whether it contains opium (the opium limits are twice the others).
/// </summary>
public sealed record ScheduleVContent
{
    /// <summary>More than any retail package holds: a typing error.</summary>
    public const decimal MaxPerPackage = 10_000m;

    public ScheduleVMeasure Measure { get; init; }
    /// <summary>Millilitres or dosage units in one package.</summary>
    public decimal PerPackage { get; init; }
    public bool ContainsOpium { get; init; }

    private ScheduleVContent() { }

    public ScheduleVContent(ScheduleVMeasure measure, decimal perPackage, bool containsOpium)
    {
        if (!Enum.IsDefined(measure))
            throw new DomainException("Say whether the medicine is measured in mL or in dosage units.");
        if (perPackage <= 0 || perPackage > MaxPerPackage)
            throw new DomainException($"A package holds more than zero and at most {MaxPerPackage:0} mL or dosage units.");
        if (measure == ScheduleVMeasure.DosageUnits && perPackage != decimal.Truncate(perPackage))
            throw new DomainException("Dosage units are whole tablets or capsules.");
        Measure = measure;
        PerPackage = perPackage;
        ContainsOpium = containsOpium;
    }

    public static ScheduleVContent Liquid(decimal milliliters, bool containsOpium = false) => new(ScheduleVMeasure.Milliliters, milliliters, containsOpium);

    public static ScheduleVContent Solid(int dosageUnits, bool containsOpium = false) => new(ScheduleVMeasure.DosageUnits, dosageUnits, containsOpium);

    /// <summary>The amount in <paramref name="packages"/> packages.</summary>
    public ScheduleVAmount Of(int packages)
    {
        if (packages < 1)
            throw new DomainException("Sell at least one package.");
        return new ScheduleVAmount(Measure, ContainsOpium, PerPackage * packages);
    }
}

/// <summary>An amount of Schedule V medicine in the regulation's terms: mL or dosage units, opium-containing or not.</summary>
public readonly record struct ScheduleVAmount(ScheduleVMeasure Measure, bool ContainsOpium, decimal Quantity)
{
    /// <summary>"120 mL" or "24 dosage units".</summary>
    public static string Show(ScheduleVMeasure measure, decimal quantity) => measure == ScheduleVMeasure.Milliliters
        ? $"{quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} mL"
        : $"{quantity.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} dosage unit{(quantity == 1 ? "" : "s")}";

    /// <summary>Which of the four limits of 21 CFR 1306.26(b) counts it.</summary>
    public string Kind => $"{(ContainsOpium ? "opium-containing" : "non-opium")} {(Measure == ScheduleVMeasure.Milliliters ? "liquid" : "dosage units")}";
}
