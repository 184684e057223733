using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Checkout;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// An open sale as data: the commands that rebuild it (items with quantity, lot, discount, price override and
/// removal; the basket discount; the customer; the approved payments, in order) and what the counter collected
/// for the pharmacy rules. <see cref="Rebuild"/> replays them on the <see cref="Sale"/> aggregate, so the rules and
/// the figures are the aggregate's own. The unit price scanned is kept, so a catalog price change in the middle of
/// a sale does not change what the customer was told.
/// </summary>
public sealed record CartSnapshot
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public Guid SaleId { get; init; }
    public string SaleNumber { get; init; } = "";
    public Guid BranchId { get; init; }
    public string Register { get; init; } = "";
    public Guid CashierUserId { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public Guid? CustomerId { get; init; }
    public bool LoyaltyMember { get; init; }
    public bool Suspended { get; init; }
    /// <summary>The instant promotions were last priced; a rebuild prices them at the same instant.</summary>
    public DateTimeOffset? PricedAt { get; init; }
    public List<CartLine> Lines { get; init; } = [];
    public CartDiscount? BasketDiscount { get; init; }
    public List<CartTender> Tenders { get; init; } = [];
    /// <summary>A card payment the terminal did not answer; it is asked again with the same key, never charged twice.</summary>
    public CardAttempt? PendingCard { get; init; }
    /// <summary>Card payments the terminal answered for the next tender (a declined card makes the next try a new payment).</summary>
    public int CardAttempts { get; init; }
    /// <summary>Card payments given back on this sale; part of the next charge's key, so it never meets a reversed one.</summary>
    public int Reversals { get; init; }
    public SaleEvidence Evidence { get; init; } = new();
    /// <summary>The sale's total when saved, for lists; the rebuilt sale is the authority.</summary>
    public decimal Total { get; init; }

    public IEnumerable<Guid> ProductIds => Lines.Select(l => l.ProductId).Distinct();

    /// <summary>The snapshot of <paramref name="sale"/>, carrying over what the sale itself does not hold.</summary>
    public static CartSnapshot Of(Sale sale, CartSnapshot? carry = null) => new()
    {
        SaleId = sale.Id,
        SaleNumber = sale.SaleNumber,
        BranchId = sale.BranchId,
        Register = sale.RegisterId,
        CashierUserId = sale.CashierUserId,
        OpenedAt = sale.OpenedAt,
        CustomerId = sale.CustomerId,
        LoyaltyMember = sale.LoyaltyMember,
        Suspended = sale.Status == SaleStatus.Suspended,
        PricedAt = carry?.PricedAt,
        Lines = [.. sale.Lines.OrderBy(l => l.LineNumber).Select(CartLine.Of)],
        BasketDiscount = CartDiscount.Of(sale.BasketDiscount),
        Tenders = [.. sale.Tenders.OrderBy(t => t.Sequence).Select(CartTender.Of)],
        PendingCard = carry?.PendingCard,
        CardAttempts = carry?.CardAttempts ?? 0,
        Reversals = carry?.Reversals ?? 0,
        Evidence = carry?.Evidence ?? new SaleEvidence(),
        Total = sale.Total.Amount,
    };

    /// <summary>
    /// Replays the snapshot on a new <see cref="Sale"/> with the same id and number. <paramref name="products"/> must
    /// hold every product on it (detached copies: their price is set to the scanned price for the replay and restored).
    /// </summary>
    public Sale Rebuild(IReadOnlyDictionary<Guid, Product> products, Branch branch, PricingEngine pricing)
    {
        var sale = new Sale(SaleId, SaleNumber, BranchId, Register, CashierUserId, OpenedAt, CustomerId, LoyaltyMember);
        foreach (var line in Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product))
                throw new DomainException("An item on this sale is no longer in the catalog; void the sale and scan the items again.");
            SaleLine added;
            if (line.FillId is { } fillId)
            {
                added = sale.AddPrescriptionLine(product, fillId, Money.Of(line.UnitPrice), branch);
            }
            else
            {
                var listPrice = product.Price;
                product.ChangePrice(Money.Of(line.UnitPrice));
                try
                {
                    added = sale.AddLine(product, line.Quantity, branch, line.LotId);
                }
                finally
                {
                    product.ChangePrice(listPrice);
                }
            }
            if (line.Override is { } o)
                sale.OverridePrice(added.Id, o.UnitPrice, o.Reason, o.ApprovedBy);
            if (line.Discount is { } d)
                sale.ApplyLineDiscount(added.Id, d.ToDiscount());
            if (line.VoidReason is { } reason)
                sale.RemoveLine(added.Id, reason);
        }
        if (BasketDiscount is { } basket)
            sale.ApplyBasketDiscount(basket.ToDiscount());
        if (Lines.Count > 0)
            sale.ApplyPromotions(pricing, PricedAt ?? OpenedAt);
        foreach (var tender in Tenders)
        {
            if (tender.Kind == TenderKind.Cash)
                sale.AddCashTender(tender.CashTendered ?? tender.Amount);
            else
                sale.AddApprovedCardTender(tender.Kind, tender.Amount, tender.Brand!, tender.LastFour!, tender.AuthorizationCode!, tender.TerminalReference!);
        }
        if (Suspended)
            sale.Suspend();
        return sale;
    }
}

/// <param name="FillId">A prescription fill picked up: the line is its copay (<see cref="UnitPrice"/>) and takes no stock at checkout.</param>
public sealed record CartLine(Guid ProductId, int Quantity, decimal UnitPrice, Guid? LotId, CartDiscount? Discount, CartOverride? Override, string? VoidReason,
    Guid? FillId = null)
{
    public static CartLine Of(SaleLine line) => new(line.ProductId, line.Quantity, line.UnitPrice.Amount, line.LotId,
        CartDiscount.Of(line.Discount),
        line.PriceOverride is { } o ? new CartOverride(o.UnitPrice.Amount, o.Reason, o.ApprovedByUserId) : null,
        line.IsVoided ? line.VoidReason : null,
        line.FillId);
}

public sealed record CartDiscount(DiscountKind Kind, decimal Value, string Reason)
{
    public static CartDiscount? Of(Discount? discount) => discount is null ? null : new(discount.Kind, discount.Value, discount.Reason);

    public Discount ToDiscount() => Kind switch
    {
        DiscountKind.Amount => Discount.Amount(Value, Reason),
        DiscountKind.Percentage => Discount.Percent(Value, Reason),
    };
}

public sealed record CartOverride(decimal UnitPrice, string Reason, Guid ApprovedBy);

public sealed record CartTender(TenderKind Kind, decimal Amount, decimal? CashTendered, string? Brand, string? LastFour,
    string? AuthorizationCode, string? TerminalReference)
{
    public static CartTender Of(Tender t) => new(t.Kind, t.Amount.Amount, t.CashTendered?.Amount, t.CardBrand, t.CardLastFour?.Value,
        t.AuthorizationCode, t.TerminalReference);
}

/// <summary>A card payment sent to the terminal: its idempotency key, the amount and whether it is an FSA/HSA card.</summary>
public sealed record CardAttempt(string IdempotencyKey, decimal Amount, bool FsaHsa);
