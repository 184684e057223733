using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>
/// A prescription on file: who it is for, who wrote it, what and how much, and how many refills
/// the prescriber authorised. It hands out its fills one at a time and enforces the federal
/// refill rules for controlled substances; stricter state rules are the pharmacist's to apply.
/// </summary>
public sealed class Prescription : Entity
{
    /// <summary>21 CFR 1306.22(a): Schedule III and IV prescriptions are refilled at most five times...</summary>
    public const int MaxRefillsScheduleIIIOrIV = 5;
    /// <summary>...and not after six months from the date they were written.</summary>
    public const int ScheduleIIIOrIVMonthsValid = 6;
    /// <summary>More refills than this on any prescription is a typing error.</summary>
    public const int MaxRefills = 99;
    public const int MaxDaysSupply = 365;
    public const decimal MaxQuantity = 10_000m;
    public const int QuantityScale = 3;

    private readonly List<Fill> _fills = [];

    private Prescription() { }

    public Prescription(Guid patientId, Prescriber prescriber, Guid productId, DeaSchedule schedule,
        decimal quantity, int daysSupply, int refillsAuthorized, DateOnly writtenOn, DateOnly today)
    {
        if (patientId == Guid.Empty) throw new DomainException("A prescription is for a patient; choose the patient.");
        if (productId == Guid.Empty) throw new DomainException("Choose the drug that was prescribed.");
        if (!Enum.IsDefined(schedule)) throw new DomainException("That is not a DEA schedule.");
        CheckQuantity(quantity, "prescribed quantity");
        if (daysSupply is < 1 or > MaxDaysSupply)
            throw new DomainException($"Days' supply is between 1 and {MaxDaysSupply}.");
        if (writtenOn > today)
            throw new DomainException("The date written is in the future; check the prescription.");
        if (schedule.IsControlled() && prescriber.Dea is null)
            throw new DomainException($"A {schedule.Label()} prescription must carry the prescriber's DEA number, and {prescriber.FullName} has none on file.");
        CheckRefills(schedule, refillsAuthorized);

        PatientId = patientId;
        PrescriberId = prescriber.Id;
        PrescriberDea = prescriber.Dea;
        ProductId = productId;
        Schedule = schedule;
        Quantity = quantity;
        DaysSupply = daysSupply;
        RefillsAuthorized = refillsAuthorized;
        WrittenOn = writtenOn;
    }

    public Guid PatientId { get; private set; }
    public Guid PrescriberId { get; private set; }
    /// <summary>The prescriber's DEA number as written on this prescription.</summary>
    public DeaNumber? PrescriberDea { get; private set; }
    public Guid ProductId { get; private set; }
    public DeaSchedule Schedule { get; private set; }
    public decimal Quantity { get; private set; }
    public int DaysSupply { get; private set; }
    public int RefillsAuthorized { get; private set; }
    public DateOnly WrittenOn { get; private set; }
    public IReadOnlyCollection<Fill> Fills => _fills;

    /// <summary>"C-II" and so on, empty for a drug that is not controlled.</summary>
    public string ScheduleLabel => Schedule.Label();

    /// <summary>Fills that count: every one not returned to stock (a returned fill is void and its refill comes back).</summary>
    public int FillsUsed => _fills.Count(f => f.Status != FillStatus.ReturnedToStock);
    /// <summary>Refills still available; the original fill is not a refill.</summary>
    public int RefillsRemaining => FillsUsed == 0 ? RefillsAuthorized : Math.Max(0, RefillsAuthorized + 1 - FillsUsed);
    public Fill? OpenFill => _fills.FirstOrDefault(f => f.IsOpen);

    /// <summary>The last day a Schedule III or IV prescription may be filled; null when federal law sets none.</summary>
    public DateOnly? LastFillDate => Schedule is DeaSchedule.III or DeaSchedule.IV
        ? WrittenOn.AddMonths(ScheduleIIIOrIVMonthsValid)
        : null;

    /// <summary>
    /// Starts the next fill at a branch. Refuses when every authorised fill is used, when another fill
    /// is still on its way to the patient, or when a Schedule III-IV prescription is more than six months old.
    /// </summary>
    public Fill StartFill(Branch branch, decimal quantity, Money price, Money patientCopay, DateTimeOffset at)
    {
        var today = branch.LocalDate(at);
        CheckQuantity(quantity, "quantity to fill");
        if (quantity > Quantity)
            throw new DomainException($"A fill cannot be more than the prescribed quantity ({CounterText.Number(Quantity)}).");
        if (OpenFill is { } open)
            throw new DomainException($"Fill {open.FillNumber} of this prescription is not finished yet; finish or return it first.");
        if (LastFillDate is { } last && today > last)
            throw new DomainException($"This {ScheduleLabel} prescription was written on {CounterText.Date(WrittenOn)} and cannot be filled after {CounterText.Date(last)}; the patient needs a new prescription.");
        if (FillsUsed > RefillsAuthorized)
            throw new DomainException(RefillsAuthorized == 0
                ? "This prescription has no refills; the patient needs a new prescription."
                : $"All {RefillsAuthorized} refills of this prescription have been used; the patient needs a new prescription.");

        var fill = new Fill(this, branch.Id, FillsUsed, quantity, price, patientCopay, at);
        _fills.Add(fill);
        return fill;
    }

    private static void CheckRefills(DeaSchedule schedule, int refills)
    {
        if (refills < 0)
            throw new DomainException("Refills cannot be negative.");
        switch (schedule)
        {
            // 21 CFR 1306.12(a): the refilling of a Schedule II prescription is prohibited.
            case DeaSchedule.II when refills > 0:
                throw new DomainException("Schedule II prescriptions cannot be refilled; enter 0 refills. The patient needs a new prescription each time.");
            case DeaSchedule.III or DeaSchedule.IV when refills > MaxRefillsScheduleIIIOrIV:
                throw new DomainException($"A {schedule.Label()} prescription can have at most {MaxRefillsScheduleIIIOrIV} refills.");
            case DeaSchedule.None or DeaSchedule.V when refills > MaxRefills:
                throw new DomainException($"A prescription can have at most {MaxRefills} refills.");
        }
    }

    private static void CheckQuantity(decimal quantity, string what)
    {
        if (quantity <= 0)
            throw new DomainException($"The {what} must be more than zero.");
        if (quantity > MaxQuantity)
            throw new DomainException($"The {what} is at most {MaxQuantity:0}.");
        if (decimal.Round(quantity, QuantityScale) != quantity)
            throw new DomainException($"The {what} has at most {QuantityScale} decimals.");
    }
}
