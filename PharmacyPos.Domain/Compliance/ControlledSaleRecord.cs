using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The dispensing record of a controlled substance: on prescription (patient, prescriber's DEA number,
/// the verifying pharmacist) or a Schedule V sale without one (the record book of 21 CFR 1306.26(e):
/// purchaser's name and address, product and quantity, date, and the dispensing pharmacist).
/// </summary>
public sealed class ControlledSaleRecord : Entity
{
    private ControlledSaleRecord() { }

    public Guid BranchId { get; private set; }
    public Guid SaleId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid ProductId { get; private set; }
    public DeaSchedule Schedule { get; private set; }
    public decimal Quantity { get; private set; }
    /// <summary>The pharmacist who verified the fill, or who dispensed the Schedule V sale.</summary>
    public Guid PharmacistId { get; private set; }
    public Guid? PatientId { get; private set; }
    public Guid? PrescriptionId { get; private set; }
    public Guid? FillId { get; private set; }
    public DeaNumber? PrescriberDea { get; private set; }
    /// <summary>The ID shown for a sale without prescription.</summary>
    public PhotoId? Purchaser { get; private set; }
    /// <summary>A Schedule V sale without prescription: mL or dosage units sold, as 21 CFR 1306.26(b) counts them.</summary>
    public ScheduleVMeasure? Measure { get; private set; }
    public decimal? MeasuredQuantity { get; private set; }
    public bool ContainsOpium { get; private set; }

    public bool OnPrescription => PrescriptionId is not null;
    /// <summary>"C-II" and so on, as on the label.</summary>
    public string ScheduleLabel => Schedule.Label();

    /// <summary>Records a controlled prescription handed over in a sale; the fill must be sellable (verified).</summary>
    public static ControlledSaleRecord ForPrescription(Prescription prescription, Fill fill, Guid branchId, Guid saleId, DateTimeOffset at)
    {
        if (!prescription.Schedule.IsControlled())
            throw new DomainException("This prescription is not for a controlled substance.");
        if (fill.PrescriptionId != prescription.Id)
            throw new ArgumentException("The fill belongs to another prescription.", nameof(fill));
        fill.EnsureSellable();
        return new ControlledSaleRecord
        {
            BranchId = branchId,
            SaleId = saleId,
            At = at.ToUniversalTime(),
            ProductId = prescription.ProductId,
            Schedule = prescription.Schedule,
            Quantity = fill.Quantity,
            PharmacistId = fill.VerifiedBy!.Value,
            PatientId = prescription.PatientId,
            PrescriptionId = prescription.Id,
            FillId = fill.Id,
            PrescriberDea = prescription.PrescriberDea,
        };
    }

    /// <summary>Records a Schedule V sale without prescription once <see cref="ScheduleVOtcLimit"/> has allowed it.</summary>
    public static ControlledSaleRecord ForScheduleVOtc(Product product, int units, PhotoId purchaser, Guid pharmacistId,
        Guid branchId, Guid saleId, DateTimeOffset at)
    {
        if (product.Schedule != DeaSchedule.V || product.RxOnly)
            throw new DomainException($"{product.Name} cannot be sold without a prescription.");
        if (units < 1)
            throw new DomainException("Sell at least one unit.");
        if (pharmacistId == Guid.Empty)
            throw new DomainException($"A pharmacist must dispense {DeaSchedule.V.Label()} medicine sold without a prescription.");
        var amount = product.ScheduleV?.Of(units)
            ?? throw new DomainException($"The catalog does not say how many mL or dosage units {product.Name} holds.");
        return new ControlledSaleRecord
        {
            Measure = amount.Measure,
            MeasuredQuantity = amount.Quantity,
            ContainsOpium = amount.ContainsOpium,
            BranchId = branchId,
            SaleId = saleId,
            At = at.ToUniversalTime(),
            ProductId = product.Id,
            Schedule = product.Schedule,
            Quantity = units,
            PharmacistId = pharmacistId,
            Purchaser = purchaser ?? throw new DomainException("The purchaser's photo ID is required."),
        };
    }

    /// <summary>
    /// The record as the 48-hour limit counts it. A record made before sales were measured has only its packages:
    /// <paramref name="productContent"/> (the product's content now) measures it then.
    /// </summary>
    public ScheduleVOtcPurchase? ToScheduleVOtcPurchase(ScheduleVContent? productContent = null)
    {
        if (OnPrescription || Schedule != DeaSchedule.V)
            return null;
        if (Measure is { } measure && MeasuredQuantity is { } quantity)
            return new ScheduleVOtcPurchase(At, new ScheduleVAmount(measure, ContainsOpium, quantity));
        return productContent is { } content ? new ScheduleVOtcPurchase(At, content.Of(Math.Max(1, (int)decimal.Ceiling(Quantity)))) : null;
    }
}
