using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// One item scanned into a sale, with what the product was at scan time (name, price, tax, flags),
/// so a later catalog change never rewrites a sale. The line's amount is worked out in this order:
/// unit price (list price, or a manager's override) times quantity, less the promotion, less the
/// cashier's line discount, less its share of a basket discount; tax is then charged on what is left.
/// A removed line stays on the sale, voided with its reason, and counts for nothing.
/// </summary>
public sealed class SaleLine : Entity
{
    public const int MinQuantity = 1;
    /// <summary>More than this on one line is a typing error (a barcode typed into the quantity field).</summary>
    public const int MaxQuantity = 999;

    private SaleLine() { }

    internal SaleLine(int lineNumber, Product product, int quantity, Percentage taxRate, Guid? lotId)
    {
        CheckQuantity(quantity);
        LineNumber = lineNumber;
        ProductId = product.Id;
        Name = product.Name;
        Gtin = product.Gtin;
        Category = product.Category;
        TaxClass = product.TaxClass;
        TaxRate = taxRate;
        UnitPrice = product.Price;
        Quantity = quantity;
        LotId = lotId;
        FsaHsaEligible = product.FsaHsaEligible;
        IsPrescription = product.RxOnly;
        Schedule = product.Schedule;
    }

    /// <summary>Position on the receipt, from 1.</summary>
    public int LineNumber { get; private set; }
    public Guid ProductId { get; private set; }
    public string Name { get; private set; } = "";
    public Gtin Gtin { get; private set; }
    public string Category { get; private set; } = "";
    public TaxClass TaxClass { get; private set; }
    /// <summary>The branch's rate for the tax class when the item was scanned.</summary>
    public Percentage TaxRate { get; private set; }
    /// <summary>The list price of one unit when the item was scanned.</summary>
    public Money UnitPrice { get; private set; }
    public int Quantity { get; private set; }
    /// <summary>The stock lot, when a DataMatrix scan named it.</summary>
    public Guid? LotId { get; private set; }
    public bool FsaHsaEligible { get; private set; }
    /// <summary>A prescription fill: never discounted by promotions or basket discounts, and never taken back once dispensed.</summary>
    public bool IsPrescription { get; private set; }
    public DeaSchedule Schedule { get; private set; }
    /// <summary>The prescription fill this line hands over; its stock was taken when it was dispensed.</summary>
    public Guid? FillId { get; private set; }

    public PriceOverride? PriceOverride { get; private set; }
    /// <summary>The cashier's discount on this line.</summary>
    public Discount? Discount { get; private set; }

    public Money PromotionDiscount { get; private set; }
    public Guid? PromotionRuleId { get; private set; }
    public string? PromotionName { get; private set; }
    /// <summary>What the cashier's discount takes off, after the promotion.</summary>
    public Money LineDiscountAmount { get; private set; }
    /// <summary>This line's part of the basket discount (see <see cref="ProRata"/>).</summary>
    public Money BasketDiscountShare { get; private set; }
    /// <summary>What the line costs after every discount, before tax.</summary>
    public Money Amount { get; private set; }
    public Money Tax { get; private set; }

    public bool IsVoided { get; private set; }
    public string? VoidReason { get; private set; }

    /// <summary>The unit price charged: the manager's override when there is one, otherwise the list price.</summary>
    public Money SellingUnitPrice => PriceOverride?.UnitPrice ?? UnitPrice;
    public Money Gross => SellingUnitPrice * Quantity;
    public Money AfterPromotion => Gross - PromotionDiscount;
    public Money AfterLineDiscount => AfterPromotion - LineDiscountAmount;
    public Money AmountWithTax => Amount + Tax;
    /// <summary>Whether a basket discount may take a share of this line.</summary>
    public bool TakesBasketDiscount => !IsPrescription;

    internal BasketItem ToBasketItem() =>
        new(Id, ProductId, Category, SellingUnitPrice, Quantity, IsPrescription, PriceOverride is not null);

    internal static void CheckQuantity(int quantity)
    {
        if (quantity < 0)
            throw new DomainException("A quantity cannot be negative. Items coming back are a return.");
        if (quantity < MinQuantity)
            throw new DomainException("Sell at least one unit, or remove the line.");
        if (quantity > MaxQuantity)
            throw new DomainException($"{quantity} is more than one line can sell (at most {MaxQuantity}); check the quantity.");
    }

    internal void ChangeQuantity(int quantity)
    {
        CheckQuantity(quantity);
        Quantity = quantity;
    }

    internal void DispenseFill(Guid fillId, Money copay)
    {
        FillId = fillId;
        UnitPrice = copay;
        IsPrescription = true;
    }

    internal void Override(PriceOverride priceOverride) => PriceOverride = priceOverride;

    internal void GiveDiscount(Discount? discount) => Discount = discount;

    internal void Void(string reason)
    {
        IsVoided = true;
        VoidReason = reason;
    }

    internal void SetPromotion(LinePromotion? promotion)
    {
        PromotionDiscount = promotion is null || PriceOverride is not null ? Money.Zero : Money.Min(promotion.Discount, Gross);
        PromotionRuleId = PromotionDiscount.IsZero ? null : promotion!.RuleId;
        PromotionName = PromotionDiscount.IsZero ? null : promotion!.RuleName;
    }

    /// <summary>First step of the line's figures: the promotion (capped) and the cashier's discount on what it leaves.</summary>
    internal void PriceBeforeBasketDiscount()
    {
        if (IsVoided)
        {
            LineDiscountAmount = BasketDiscountShare = Amount = Tax = Money.Zero;
            return;
        }
        if (PriceOverride is not null || PromotionDiscount > Gross)
            SetPromotion(null);
        LineDiscountAmount = Discount?.AmountOff(AfterPromotion) ?? Money.Zero;
    }

    /// <summary>Last step: the basket discount share, then tax on what is left.</summary>
    internal void PriceAfterBasketDiscount(Money basketDiscountShare)
    {
        if (IsVoided)
            return;
        BasketDiscountShare = basketDiscountShare;
        Amount = AfterLineDiscount - basketDiscountShare;
        Tax = TaxCalculator.LineTax(Amount, TaxRate);
    }
}
