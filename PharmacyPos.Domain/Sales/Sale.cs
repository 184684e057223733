using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// A sale at a register, from the first scan to payment.
/// <para>
/// The id is made at the register before anything is saved, so a double-click or a retry commits the sale once.
/// Every change goes through a method that checks the sale's state and refuses, changing nothing, with a message
/// for the cashier. Once payment has started the basket no longer changes; once the sale is completed or voided
/// nothing changes at all.
/// </para>
/// <para>
/// Figures, in order: promotions (<see cref="ApplyPromotions"/>, see <see cref="PricingEngine"/>), the cashier's line
/// discounts, the basket discount spread across lines (<see cref="ProRata"/>), then tax per line (<see cref="TaxCalculator"/>).
/// <see cref="Subtotal"/>, <see cref="Tax"/>, <see cref="Total"/> and <see cref="EligibleFsaHsaSubtotal"/> are sums of
/// the lines' rounded figures, so <c>Total == Subtotal + Tax</c> to the cent. Any change to the basket clears the
/// promotions until <see cref="ApplyPromotions"/> runs again; payment waits for it.
/// </para>
/// </summary>
public sealed class Sale : Entity
{
    public const int SaleNumberMaxLength = 24;
    public const int RegisterIdMaxLength = 32;
    public const int ReasonMaxLength = 200;
    /// <summary>Lines on one receipt, voided ones included.</summary>
    public const int MaxLines = 500;

    private readonly List<SaleLine> _lines = [];
    private readonly List<Tender> _tenders = [];

    private Sale() { }

    public Sale(Guid id, string saleNumber, Guid branchId, string registerId, Guid cashierUserId, DateTimeOffset openedAt,
        Guid? customerId = null, bool loyaltyMember = false)
    {
        if (id == Guid.Empty)
            throw new ArgumentException("A sale's id is made at the register and is never empty.", nameof(id));
        Id = id;
        SaleNumber = Text.Required(saleNumber, SaleNumberMaxLength, "sale number");
        BranchId = branchId;
        RegisterId = Text.Required(registerId, RegisterIdMaxLength, "register");
        CashierUserId = cashierUserId;
        OpenedAt = openedAt.ToUniversalTime();
        CustomerId = customerId;
        LoyaltyMember = loyaltyMember;
        Status = SaleStatus.Open;
        PromotionsUpToDate = true;
    }

    public string SaleNumber { get; private set; } = "";
    public Guid BranchId { get; private set; }
    public string RegisterId { get; private set; } = "";
    public Guid CashierUserId { get; private set; }
    /// <summary>The customer or patient, when known.</summary>
    public Guid? CustomerId { get; private set; }
    /// <summary>The customer showed a loyalty card: member prices apply.</summary>
    public bool LoyaltyMember { get; private set; }
    public SaleStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }
    public string? VoidReason { get; private set; }

    public Discount? BasketDiscount { get; private set; }
    /// <summary>What the basket discount takes off in total; the sum of the lines' shares.</summary>
    public Money BasketDiscountAmount { get; private set; }

    /// <summary>Sum of the lines' amounts after every discount, before tax.</summary>
    public Money Subtotal { get; private set; }
    /// <summary>Sum of the lines' rounded taxes.</summary>
    public Money Tax { get; private set; }
    public Money Total { get; private set; }
    /// <summary>What an FSA/HSA card may pay: the eligible lines' amounts with their tax.</summary>
    public Money EligibleFsaHsaSubtotal { get; private set; }
    /// <summary>False after the basket changed and before <see cref="ApplyPromotions"/> ran on it.</summary>
    public bool PromotionsUpToDate { get; private set; }

    public IReadOnlyCollection<SaleLine> Lines => _lines;
    public IReadOnlyCollection<Tender> Tenders => _tenders;
    /// <summary>The lines that count, in receipt order.</summary>
    public IEnumerable<SaleLine> ActiveLines => _lines.Where(l => !l.IsVoided).OrderBy(l => l.LineNumber);

    public Money AmountPaid => Sum(_tenders.Select(t => t.Amount));
    public Money RemainingDue => Total - AmountPaid;
    public Money ChangeDue => Sum(_tenders.Select(t => t.ChangeDue));
    public Money FsaHsaPaid => Sum(_tenders.Where(t => t.Kind == TenderKind.FsaHsaCard).Select(t => t.Amount));
    /// <summary>What an FSA/HSA card may still pay now.</summary>
    public Money FsaHsaAvailable => Money.Max(Money.Zero, Money.Min(EligibleFsaHsaSubtotal - FsaHsaPaid, RemainingDue));
    public Money DiscountTotal => Sum(ActiveLines.Select(l => l.PromotionDiscount + l.LineDiscountAmount + l.BasketDiscountShare));

    public SaleLine Line(Guid lineId) =>
        _lines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException("That line is not on this sale.");

    /// <summary>
    /// Scans an item in: copies the product's name, price, tax class and flags, and the branch's tax rate for it.
    /// A prescription-only product is never a store item: it is handed over only as a pharmacist-verified fill
    /// picked up for its patient (<see cref="AddPrescriptionLine"/>).
    /// </summary>
    public SaleLine AddLine(Product product, int quantity, Branch branch, Guid? lotId = null)
    {
        if (StoreItemRefusal(product) is { } refusal)
            throw new DomainException(refusal);
        return AddItem(product, quantity, branch, lotId);
    }

    /// <summary>
    /// Why <paramref name="product"/> cannot be sold as a store item (scanned or picked from a search), or null
    /// when it can: a prescription-only drug leaves the pharmacy only from its filled prescription.
    /// </summary>
    public static string? StoreItemRefusal(Product product) => product.RxOnly ? PrescriptionItemRefusal(product.Name) : null;

    /// <summary>What the cashier reads when a prescription item is scanned or picked as a store item.</summary>
    public static string PrescriptionItemRefusal(string productName) =>
        $"Prescription item: hand it over from its filled prescription, F11 or the bag label. {productName} is not sold as a store item.";

    private SaleLine AddItem(Product product, int quantity, Branch branch, Guid? lotId)
    {
        EnsureBasketCanChange();
        if (branch.Id != BranchId)
            throw new DomainException("This item was priced for another branch; scan it again.");
        if (!product.Active)
            throw new DomainException($"{product.Name} is no longer sold.");
        if (_lines.Count >= MaxLines)
            throw new DomainException($"A sale holds at most {MaxLines} lines; finish this one and start another.");
        var line = new SaleLine(_lines.Count + 1, product, quantity, branch.TaxRateFor(product.TaxClass), lotId);
        _lines.Add(line);
        BasketChanged();
        return line;
    }

    /// <summary>
    /// A dispensed prescription fill handed over at the counter: one unit of the fill, charged at the patient's copay
    /// (what insurance left the patient to pay), never discounted. A fill goes on a sale once.
    /// </summary>
    public SaleLine AddPrescriptionLine(Product product, Guid fillId, Money copay, Branch branch)
    {
        EnsureBasketCanChange();
        if (fillId == Guid.Empty)
            throw new DomainException("Say which prescription fill is picked up.");
        if (copay.IsNegative)
            throw new DomainException("A copay cannot be negative.");
        if (ActiveLines.Any(l => l.FillId == fillId))
            throw new DomainException("This prescription is already on the sale.");
        var line = AddItem(product, 1, branch, null);
        line.DispenseFill(fillId, copay);
        BasketChanged();
        return line;
    }

    public void ChangeQuantity(Guid lineId, int quantity)
    {
        EnsureBasketCanChange();
        var line = ActiveLine(lineId);
        if (line.FillId is not null)
            throw new DomainException("A prescription is handed over as dispensed; its quantity cannot change.");
        line.ChangeQuantity(quantity);
        BasketChanged();
    }

    /// <summary>Takes a line off the sale; it stays on record as voided, with the reason.</summary>
    public void RemoveLine(Guid lineId, string reason)
    {
        EnsureBasketCanChange();
        var line = ActiveLine(lineId);
        line.Void(Text.Required(reason, ReasonMaxLength, "reason for removing the item"));
        BasketChanged();
    }

    /// <summary>The cashier's discount on one line, taken after its promotion and never larger than what the line costs.</summary>
    public void ApplyLineDiscount(Guid lineId, Discount discount)
    {
        EnsureBasketCanChange();
        var line = ActiveLine(lineId);
        if (discount.IsLargerThan(line.AfterPromotion))
            throw new DomainException(Discount.LargerThanPrice);
        line.GiveDiscount(discount);
        Recalculate();
    }

    public void RemoveLineDiscount(Guid lineId)
    {
        EnsureBasketCanChange();
        ActiveLine(lineId).GiveDiscount(null);
        Recalculate();
    }

    /// <summary>A manager-approved unit price in place of the list price. Promotions no longer apply to the line.</summary>
    public void OverridePrice(Guid lineId, decimal newUnitPrice, string reason, Guid approvedByUserId)
    {
        EnsureBasketCanChange();
        var line = ActiveLine(lineId);
        line.Override(new PriceOverride(newUnitPrice, reason, approvedByUserId));
        BasketChanged();
    }

    /// <summary>
    /// A discount on the whole basket, spread across the lines in proportion to their amounts after line discounts
    /// (so each line is taxed on what it really costs). Prescription fills take no share.
    /// </summary>
    public void ApplyBasketDiscount(Discount discount)
    {
        EnsureBasketCanChange();
        var discountable = Sum(ActiveLines.Where(l => l.TakesBasketDiscount).Select(l => l.AfterLineDiscount));
        if (discountable.IsZero)
            throw new DomainException("There is nothing in the basket a discount can apply to.");
        if (discount.IsLargerThan(discountable))
            throw new DomainException(Discount.LargerThanPrice);
        BasketDiscount = discount;
        Recalculate();
    }

    public void RemoveBasketDiscount()
    {
        EnsureBasketCanChange();
        BasketDiscount = null;
        Recalculate();
    }

    /// <summary>The customer or their loyalty card, given or taken back; member prices follow at the next pricing.</summary>
    public void IdentifyCustomer(Guid? customerId, bool loyaltyMember)
    {
        EnsureBasketCanChange();
        CustomerId = customerId;
        if (LoyaltyMember != loyaltyMember)
        {
            LoyaltyMember = loyaltyMember;
            BasketChanged();
        }
    }

    /// <summary>Prices the basket's promotions at <paramref name="at"/> (UTC), for a member or not; call after every basket change.</summary>
    public void ApplyPromotions(PricingEngine pricing, DateTimeOffset at)
    {
        EnsureBasketCanChange();
        var active = ActiveLines.ToList();
        var promotions = pricing.Price(active.Select(l => l.ToBasketItem()).ToList(), at, LoyaltyMember)
            .ToDictionary(p => p.LineId);
        foreach (var line in active)
            line.SetPromotion(promotions.GetValueOrDefault(line.Id));
        PromotionsUpToDate = true;
        Recalculate();
    }

    public void Suspend()
    {
        EnsureBasketCanChange();
        if (!ActiveLines.Any())
            throw new DomainException("There is nothing to suspend.");
        Status = SaleStatus.Suspended;
    }

    public void Resume()
    {
        if (Status != SaleStatus.Suspended)
        {
            EnsureNotFinal();
            throw new DomainException("This sale is not suspended.");
        }
        Status = SaleStatus.Open;
    }

    /// <summary>Cancels the sale before any payment (take payments back first with <see cref="ReverseTender"/>); the reason is kept.</summary>
    public void Void(string reason, DateTimeOffset at)
    {
        EnsureNotFinal();
        if (_tenders.Count > 0)
            throw new DomainException("Payment was taken on this sale; it cannot be voided until the payment is given back.");
        VoidReason = Text.Required(reason, ReasonMaxLength, "reason for voiding the sale");
        VoidedAt = at.ToUniversalTime();
        Status = SaleStatus.Voided;
    }

    /// <summary>Cash handed over, in dollars and cents. Pays the rest of the sale at most; anything above is change.</summary>
    public Tender AddCashTender(decimal amountTendered)
    {
        EnsurePaymentPossible();
        var tendered = Money.Exact(amountTendered);
        if (tendered.Amount <= 0)
            throw new DomainException("Enter the cash the customer handed over.");
        var tender = Tender.Cash(NextTenderSequence, tendered, RemainingDue);
        _tenders.Add(tender);
        return tender;
    }

    /// <summary>
    /// A card payment the terminal approved. Declined or timed-out payments never reach the sale, so it stays open.
    /// A card never pays more than is due (only cash gives change); an FSA/HSA card pays only for eligible items.
    /// The same terminal approval is recorded once.
    /// </summary>
    public Tender AddApprovedCardTender(TenderKind kind, decimal amount, string brand, string lastFour,
        string authorizationCode, string terminalReference)
    {
        EnsurePaymentPossible();
        if (kind == TenderKind.Cash)
            throw new ArgumentException("Cash is not a card.", nameof(kind));
        var paid = Money.Exact(amount);
        if (paid.Amount <= 0)
            throw new DomainException("A card payment must be more than $0.00.");
        var card = CardLastFour.Parse(lastFour);
        if (_tenders.Any(t => string.Equals(t.TerminalReference, terminalReference?.Trim(), StringComparison.Ordinal)))
            throw new DomainException("This card payment is already recorded on the sale.");
        if (kind == TenderKind.FsaHsaCard && paid > FsaHsaAvailable)
            throw new DomainException($"This FSA/HSA card can pay only for eligible items: {FsaHsaAvailable}");
        if (paid > RemainingDue)
            throw new DomainException($"The card would pay more than is due ({RemainingDue}). Charge {RemainingDue} or less.");
        var tender = Tender.Card(NextTenderSequence, kind, paid, brand, card, authorizationCode, terminalReference!);
        _tenders.Add(tender);
        return tender;
    }

    /// <summary>
    /// Takes a payment back off a sale that is not finished: the card charge was reversed at the terminal, or the
    /// cash handed back. What is due goes up by what the tender paid, and a reversed FSA/HSA card no longer counts
    /// toward what that card has paid. The tender leaves the sale (an open sale is not in the books yet; the
    /// reversal is in the audit trail). Once the last tender is gone the basket may change again.
    /// </summary>
    public Tender ReverseTender(Guid tenderId)
    {
        EnsureOpen();
        var tender = _tenders.FirstOrDefault(t => t.Id == tenderId)
            ?? throw new DomainException("That payment is not on this sale.");
        _tenders.Remove(tender);
        return tender;
    }

    /// <summary>Closes the sale once the tenders pay the total exactly (cash above it is change).</summary>
    public void Complete(DateTimeOffset at)
    {
        EnsureOpen();
        if (!ActiveLines.Any())
            throw new DomainException("The sale has no items.");
        if (!PromotionsUpToDate)
            throw new DomainException("The basket changed; price it again before payment.");
        if (RemainingDue > Money.Zero)
            throw new DomainException($"{RemainingDue} is still due.");
        CompletedAt = at.ToUniversalTime();
        Status = SaleStatus.Completed;
    }

    private void BasketChanged()
    {
        foreach (var line in _lines)
            line.SetPromotion(null);
        PromotionsUpToDate = false;
        Recalculate();
    }

    private void Recalculate()
    {
        var active = ActiveLines.ToList();
        foreach (var line in _lines)
            line.PriceBeforeBasketDiscount();

        var sharing = active.Where(l => l.TakesBasketDiscount).ToList();
        var weights = sharing.Select(l => l.AfterLineDiscount).ToList();
        var discountable = Sum(weights);
        BasketDiscountAmount = BasketDiscount?.AmountOff(discountable) ?? Money.Zero;
        var shares = ProRata.Spread(BasketDiscountAmount, weights);
        for (var i = 0; i < sharing.Count; i++)
            sharing[i].PriceAfterBasketDiscount(shares[i]);
        foreach (var line in active.Where(l => !l.TakesBasketDiscount))
            line.PriceAfterBasketDiscount(Money.Zero);

        Subtotal = Sum(active.Select(l => l.Amount));
        Tax = TaxCalculator.SaleTax(active.Select(l => l.Tax));
        Total = Subtotal + Tax;
        EligibleFsaHsaSubtotal = Sum(active.Where(l => l.FsaHsaEligible).Select(l => l.AmountWithTax));
    }

    private SaleLine ActiveLine(Guid lineId)
    {
        var line = Line(lineId);
        if (line.IsVoided)
            throw new DomainException("That line was removed from the sale.");
        return line;
    }

    private void EnsureNotFinal()
    {
        switch (Status)
        {
            case SaleStatus.Completed:
                throw new DomainException("This sale is completed; nothing on it can change. Make a return instead.");
            case SaleStatus.Voided:
                throw new DomainException("This sale was voided; nothing on it can change.");
            case SaleStatus.Open:
            case SaleStatus.Suspended:
                break;
        }
    }

    private void EnsureOpen()
    {
        EnsureNotFinal();
        if (Status == SaleStatus.Suspended)
            throw new DomainException("This sale is suspended; resume it first.");
    }

    private void EnsureBasketCanChange()
    {
        EnsureOpen();
        if (_tenders.Count > 0)
            throw new DomainException("Payment has started; the items and prices can no longer change.");
    }

    private void EnsurePaymentPossible()
    {
        EnsureOpen();
        if (!ActiveLines.Any())
            throw new DomainException("The sale has no items.");
        if (!PromotionsUpToDate)
            throw new DomainException("The basket changed; price it again before payment.");
        if (RemainingDue <= Money.Zero)
            throw new DomainException("Nothing is left to pay.");
    }

    private int NextTenderSequence => _tenders.Count == 0 ? 1 : _tenders.Max(t => t.Sequence) + 1;

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
}
