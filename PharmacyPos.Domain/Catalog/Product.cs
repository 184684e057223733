using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Catalog;

/// <summary>Something the pharmacy sells: an over-the-counter item, a drug dispensed on prescription, or merchandise.</summary>
public sealed class Product : Entity
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 80;
    public const int MaxMinimumAge = 25;

    private Product() { }

    public Product(Gtin gtin, string name, string category, TaxClass taxClass, Money price)
    {
        Gtin = gtin;
        Rename(name);
        Category = Text(category, "category");
        TaxClass = taxClass;
        ChangePrice(price);
    }

    public Gtin Gtin { get; private set; }
    public Ndc? Ndc { get; private set; }
    public string Name { get; private set; } = "";
    public string Strength { get; private set; } = "";
    public string DosageForm { get; private set; } = "";
    /// <summary>Units in one sellable package, for example 24 tablets.</summary>
    public int PackSize { get; private set; } = 1;
    public string Category { get; private set; } = "";
    public TaxClass TaxClass { get; private set; }
    public Money Price { get; private set; }
    public DeaSchedule Schedule { get; private set; }
    public bool RxOnly { get; private set; }
    public ListedChemicalContent? ListedChemical { get; private set; }
    /// <summary>For a Schedule V medicine: the mL or dosage units in one package and whether it contains opium (21 CFR 1306.26(b)).</summary>
    public ScheduleVContent? ScheduleV { get; private set; }
    /// <summary>Minimum purchaser age, or null when the item has none.</summary>
    public int? MinimumAge { get; private set; }
    public bool FsaHsaEligible { get; private set; }
    public bool Active { get; private set; } = true;

    /// <summary>Kept behind the counter: listed chemicals (CMEA) and controlled OTC items.</summary>
    public bool BehindCounter => ListedChemical is not null || (Schedule.IsControlled() && !RxOnly);

    public bool IsDrug => Ndc is not null;

    public void Rename(string name)
    {
        var n = (name ?? string.Empty).Trim();
        if (n.Length == 0) throw new DomainException("A product needs a name.");
        if (n.Length > NameMaxLength) throw new DomainException($"A product name is at most {NameMaxLength} characters.");
        Name = n;
    }

    public void ChangePrice(Money price)
    {
        if (price.IsNegative) throw new DomainException("A price cannot be negative.");
        Price = price;
    }

    public void DescribeDrug(Ndc ndc, string strength, string dosageForm, int packSize)
    {
        if (packSize < 1) throw new DomainException("A pack holds at least one unit.");
        Ndc = ndc;
        Strength = Text(strength, "strength", required: false);
        DosageForm = Text(dosageForm, "dosage form", required: false);
        PackSize = packSize;
    }

    public void Classify(DeaSchedule schedule, bool rxOnly)
    {
        if (schedule is DeaSchedule.II && !rxOnly)
            throw new DomainException("Schedule II drugs are dispensed only on prescription.");
        Schedule = schedule;
        RxOnly = rxOnly;
        if (schedule != DeaSchedule.V) ScheduleV = null;
        if (rxOnly) TaxClass = TaxClass.Prescription;
    }

    public void DescribeScheduleV(ScheduleVContent? content)
    {
        if (content is not null && Schedule != DeaSchedule.V)
            throw new DomainException("Only a Schedule V medicine is measured for the Schedule V limits; classify it first.");
        ScheduleV = content;
    }

    public void ContainsListedChemical(ListedChemicalContent? content) => ListedChemical = content;

    public void RestrictAge(int? minimumAge)
    {
        if (minimumAge is < 1 or > MaxMinimumAge)
            throw new DomainException($"A minimum age is between 1 and {MaxMinimumAge}.");
        MinimumAge = minimumAge;
    }

    public void MarkFsaHsaEligible(bool eligible) => FsaHsaEligible = eligible;

    public void Deactivate() => Active = false;

    private static string Text(string value, string what, bool required = true)
    {
        var v = (value ?? string.Empty).Trim();
        if (required && v.Length == 0) throw new DomainException($"The {what} is required.");
        if (v.Length > TextMaxLength) throw new DomainException($"The {what} is at most {TextMaxLength} characters.");
        return v;
    }
}
