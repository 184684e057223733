using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>
/// One dispensing of a prescription: fill number 0 is the original, 1 and up are refills.
/// It moves InProgress → AwaitingVerification → ReadyForPickup → PickedUp, or ends ReturnedToStock
/// when it is not picked up. Nothing is sold that a pharmacist has not verified.
/// </summary>
public sealed class Fill : Entity
{
    public const int BinMaxLength = 20;
    public const string NotVerifiedMessage = "This prescription has not been verified by a pharmacist and cannot be sold.";

    private Fill() { }

    internal Fill(Prescription prescription, Guid branchId, int fillNumber, decimal quantity, Money price, Money patientCopay, DateTimeOffset startedAt)
    {
        if (price.IsNegative || patientCopay.IsNegative)
            throw new DomainException("The price and the copay cannot be negative.");
        if (patientCopay > price)
            throw new DomainException($"The patient's copay ({patientCopay}) cannot be more than the price ({price}).");
        PrescriptionId = prescription.Id;
        BranchId = branchId;
        FillNumber = fillNumber;
        Quantity = quantity;
        Price = price;
        PatientCopay = patientCopay;
        StartedAt = startedAt.ToUniversalTime();
        Status = FillStatus.InProgress;
    }

    public Guid PrescriptionId { get; private set; }
    public Guid BranchId { get; private set; }
    /// <summary>0 for the original fill, then 1, 2... for refills.</summary>
    public int FillNumber { get; private set; }
    public decimal Quantity { get; private set; }
    public FillStatus Status { get; private set; }
    public Money Price { get; private set; }
    /// <summary>What the patient pays at the counter after insurance.</summary>
    public Money PatientCopay { get; private set; }
    /// <summary>Where the bagged fill waits for the patient, for example "B-14".</summary>
    public string? BinLocation { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public Guid? VerifiedBy { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }
    public Guid? SaleId { get; private set; }
    public DateTimeOffset? PickedUpAt { get; private set; }
    public DateTimeOffset? ReturnedToStockAt { get; private set; }

    public bool IsNewPrescription => FillNumber == 0;
    public bool IsVerified => VerifiedBy is not null;
    /// <summary>Still on its way to the patient: it holds the prescription's next fill.</summary>
    public bool IsOpen => Status is FillStatus.InProgress or FillStatus.AwaitingVerification or FillStatus.ReadyForPickup;

    public void SubmitForVerification()
    {
        if (Status != FillStatus.InProgress)
            throw new DomainException($"Only a fill being prepared can be sent for verification; this one is {Describe(Status)}.");
        Status = FillStatus.AwaitingVerification;
    }

    /// <summary>The pharmacist's final check. The caller makes sure the user is a pharmacist on duty.</summary>
    public void Verify(Guid pharmacistId, DateTimeOffset at)
    {
        if (pharmacistId == Guid.Empty)
            throw new DomainException("Say which pharmacist verified the fill.");
        if (Status != FillStatus.AwaitingVerification)
            throw new DomainException($"Only a fill waiting for verification can be verified; this one is {Describe(Status)}.");
        if (at < StartedAt)
            throw new DomainException("A fill cannot be verified before it was started; check the clock.");
        VerifiedBy = pharmacistId;
        VerifiedAt = at.ToUniversalTime();
        Status = FillStatus.ReadyForPickup;
    }

    public void PlaceInBin(string binLocation)
    {
        var bin = (binLocation ?? string.Empty).Trim().ToUpperInvariant();
        if (bin.Length is 0 or > BinMaxLength)
            throw new DomainException($"A bin location has 1 to {BinMaxLength} characters.");
        if (Status != FillStatus.ReadyForPickup)
            throw new DomainException($"Only a verified fill goes in a pickup bin; this one is {Describe(Status)}.");
        BinLocation = bin;
    }

    /// <summary>Throws, with a message for the cashier, unless this fill may be rung up now.</summary>
    public void EnsureSellable()
    {
        switch (Status)
        {
            case FillStatus.InProgress or FillStatus.AwaitingVerification:
                throw new DomainException(NotVerifiedMessage);
            case FillStatus.PickedUp:
                throw new DomainException("This prescription fill has already been picked up.");
            case FillStatus.ReturnedToStock:
                throw new DomainException("This prescription fill was returned to stock; ask the pharmacy team to fill it again.");
            case FillStatus.ReadyForPickup:
                if (!IsVerified) throw new DomainException(NotVerifiedMessage);
                break;
        }
    }

    public void MarkPickedUp(Guid saleId, DateTimeOffset at)
    {
        EnsureSellable();
        if (saleId == Guid.Empty)
            throw new DomainException("A pickup belongs to a sale.");
        if (at < VerifiedAt)
            throw new DomainException("A fill cannot be picked up before it was verified; check the clock.");
        SaleId = saleId;
        PickedUpAt = at.ToUniversalTime();
        Status = FillStatus.PickedUp;
        BinLocation = null;
    }

    /// <summary>The patient did not come: the medicine goes back on the shelf and this fill no longer counts.</summary>
    public void ReturnToStock(DateTimeOffset at)
    {
        if (Status == FillStatus.PickedUp)
            throw new DomainException("A fill the patient has picked up cannot go back into stock.");
        if (Status == FillStatus.ReturnedToStock)
            throw new DomainException("This fill is already back in stock.");
        ReturnedToStockAt = at.ToUniversalTime();
        Status = FillStatus.ReturnedToStock;
        BinLocation = null;
    }

    private static string Describe(FillStatus status) => status switch
    {
        FillStatus.InProgress => "still being prepared",
        FillStatus.AwaitingVerification => "waiting for the pharmacist",
        FillStatus.ReadyForPickup => "ready for pickup",
        FillStatus.PickedUp => "already picked up",
        FillStatus.ReturnedToStock => "returned to stock",
    };
}
