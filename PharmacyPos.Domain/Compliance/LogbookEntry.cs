using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// One line of the electronic logbook for scheduled listed chemical products (21 U.S.C. 830(e)(1)(A);
/// 21 CFR 1314.30): product, quantity, grams of base, date and time, the purchaser's name and address as on
/// their photo ID, their signature, and who sold it where. Entries are never edited, and are kept at
/// least two years after the date they are made (the same section).
/// </summary>
public sealed class LogbookEntry : Entity
{
    public const int RetentionYears = 2;
    public const int SignatureReferenceMaxLength = 200;

    private LogbookEntry() { }

    public LogbookEntry(Product product, int packages, DateTimeOffset at, PhotoId purchaser, string signatureReference,
        Guid branchId, Guid cashierId, Guid? saleId)
    {
        var content = product.ListedChemical
            ?? throw new DomainException($"{product.Name} does not contain a listed chemical and is not logged.");
        var signature = (signatureReference ?? string.Empty).Trim();
        if (signature.Length == 0)
            throw new DomainException("The purchaser must sign the logbook before the sale.");
        if (signature.Length > SignatureReferenceMaxLength)
            throw new ArgumentException("The signature reference is too long.", nameof(signatureReference));
        if (branchId == Guid.Empty || cashierId == Guid.Empty)
            throw new ArgumentException("A logbook entry names the branch and the cashier.");

        ProductId = product.Id;
        ProductName = product.Name;
        Chemical = content.Chemical;
        Packages = packages;
        BaseGrams = ListedChemicalLimit.BaseGrams(product, packages);
        At = at.ToUniversalTime();
        Purchaser = purchaser ?? throw new DomainException("The purchaser's photo ID is required.");
        SignatureReference = signature;
        BranchId = branchId;
        CashierId = cashierId;
        SaleId = saleId;
        RetainUntil = RetentionEnd(At);
    }

    public Guid ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public ListedChemical Chemical { get; private set; }
    public int Packages { get; private set; }
    public decimal BaseGrams { get; private set; }
    public DateTimeOffset At { get; private set; }
    public PhotoId Purchaser { get; private set; } = null!;
    /// <summary>Where the captured <see cref="PatientSignature"/> is stored.</summary>
    public string SignatureReference { get; private set; } = "";
    public Guid BranchId { get; private set; }
    public Guid CashierId { get; private set; }
    public Guid? SaleId { get; private set; }
    public DateTimeOffset RetainUntil { get; private set; }

    /// <summary>
    /// Two calendar years after the entry. An entry made on 29 February is kept until 1 March
    /// two years later, so it is never kept less than two full years.
    /// </summary>
    public static DateTimeOffset RetentionEnd(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var end = utc.AddYears(RetentionYears);
        return utc is { Month: 2, Day: 29 } && end.Day == 28 ? end.AddDays(1) : end;
    }

    public bool MayBePurgedAt(DateTimeOffset now) => now >= RetainUntil;

    /// <summary>Call before deleting an entry: refuses while the law still requires it kept.</summary>
    public void EnsurePurgeable(DateTimeOffset now)
    {
        if (!MayBePurgedAt(now))
            throw new DomainException($"This logbook entry must be kept until {CounterText.Date(DateOnly.FromDateTime(RetainUntil.UtcDateTime))}; it cannot be deleted before then.");
    }

    /// <summary>The entry as the limits count it.</summary>
    public ListedChemicalPurchase ToPurchase(string branchTimeZoneId) => new(Chemical, At, BaseGrams, branchTimeZoneId);
}
