using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Catalog.Scanning;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Catalog.Products;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// The sale at one register, for one page (circuit). Every change goes through the <see cref="Sale"/> aggregate
/// (which refuses with a message and changes nothing), is priced, and is saved as the open cart, so a reload,
/// a reconnect or a restart finds it again (<see cref="StartAsync"/>). Components read <see cref="Sale"/> and
/// listen to <see cref="Changed"/>.
/// </summary>
/// <remarks>
/// Where the pharmacy rules come in: <see cref="AddProductAsync"/> runs every <see cref="ILineAddingCheck"/> just
/// before an item is added; <see cref="StartPaymentAsync"/> runs every <see cref="IPaymentStartingCheck"/> before
/// the first tender; <see cref="Evidence"/> is saved with the cart after every change and handed to each
/// <see cref="ISaleCommitStep"/> at commit.
/// </remarks>
public sealed partial class RegisterSession(
    IDbContextFactory<PosDbContext> factory,
    OpenCartStore carts,
    CounterCatalog catalog,
    ProductSearch search,
    CheckoutHandler checkout,
    IPaymentTerminal terminal,
    TimeProvider time,
    IEnumerable<ILineAddingCheck> lineChecks,
    IEnumerable<IPaymentStartingCheck> paymentChecks,
    PrescriptionItemGuard prescriptionItems)
{
    public const int SearchResultsShown = 10;
    private static readonly TimeSpan PricingKeptFor = TimeSpan.FromMinutes(1);

    private CartSnapshot _carry = new();
    private (PricingEngine Engine, DateTimeOffset LoadedAt)? _pricing;

    public Branch Branch { get; private set; } = default!;
    public string Register { get; private set; } = "";
    public AuditActor Actor { get; private set; } = default!;
    public Guid CashierId { get; private set; }
    public bool Started { get; private set; }

    public Sale Sale { get; private set; } = default!;
    /// <summary>What the pharmacy rules collected for this sale; saved with the cart.</summary>
    public SaleEvidence Evidence => _carry.Evidence;
    /// <summary>A card payment the terminal did not answer: the next card payment asks again for exactly this one.</summary>
    public CardAttempt? PendingCard => _carry.PendingCard;
    public Guid? SelectedLineId { get; set; }
    /// <summary>The last sale completed here, until the next one starts.</summary>
    public CommittedSale? LastCompleted { get; private set; }
    public CounterMessage? Message { get; private set; }

    public event Action? Changed;

    public SaleLine? SelectedLine => SelectedLineId is { } id ? Sale.ActiveLines.FirstOrDefault(l => l.Id == id) : null;

    /// <summary>Opens the register for the signed-in user: the cart left open at this branch and register, or a new sale.</summary>
    public async Task StartAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var branchId = user.BranchId() ?? throw new DomainException("You are not signed in at a branch. Sign in again.");
        Register = user.RegisterName() is { Length: > 0 } r ? r : throw new DomainException("You are not signed in at a register. Sign in again.");
        CashierId = user.UserId() ?? throw new DomainException("You are signed out. Sign in again.");
        Actor = AuditActors.From(user);
        await using (var db = await factory.CreateDbContextAsync(ct))
            Branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        _screen ??= RegisterScreen.Of(user);
        await OpenRegisterAsync(takeOver: false, ct);
    }

    /// <summary>What the scan box received: a barcode, an NDC, a receipt number, or words to search.</summary>
    public async Task<ScanOutcome> ScanAsync(string? raw, CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Refuse(LockedMessage);
        // A prescription bag label ("RX" and ten digits) opens the pickup; it is never a product code.
        if (Features.Pharmacy.PickupCode.TryParse(raw, out var pickup))
            return ScanOutcome.Pickup(pickup);
        if (LoyaltyCard.TryRead(raw, out var loyaltyNumber))
            return await IdentifyLoyaltyMemberAsync(loyaltyNumber, ct);
        var today = Branch.LocalDate(time.GetUtcNow());
        var code = ScannedCode.Interpret(raw, new Gs1ReadOptions(today));
        switch (code.Kind)
        {
            case ScannedCodeKind.Product:
            case ScannedCodeKind.Ndc:
                var found = await catalog.FindAsync(code, Branch.Id, today, ct);
                if (found.Product is null)
                    return Refuse(found.Refusal!);
                return await AddProductAsync(found.Product, found.LotId, ct) ? ScanOutcome.Added : ScanOutcome.Refused;
            case ScannedCodeKind.SaleNumber:
                Inform($"{code.SaleNumber} is a receipt. Open Returns to take items back.");
                return ScanOutcome.Receipt(code.SaleNumber!);
            case ScannedCodeKind.NameSearch:
                var rows = await search.FindAsync(code.SearchText!, SearchResultsShown, ct);
                if (rows.Count == 0)
                    return Refuse($"No product matches \"{code.SearchText}\".");
                Message = null;
                return ScanOutcome.Choose(rows);
            case ScannedCodeKind.Unrecognised:
                return Refuse(code.Message!);
            default:
                return Refuse("That was not read. Scan it again.");
        }
    }

    /// <summary>A loyalty card scanned: the sale is the member's, and member prices apply from now on.</summary>
    public async Task<ScanOutcome> IdentifyLoyaltyMemberAsync(string cardNumber, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.Set<Patient>().AsNoTracking()
            .Where(p => p.LoyaltyNumber == cardNumber)
            .Select(p => new { p.Id, p.FirstName, p.LastName })
            .SingleOrDefaultAsync(ct);
        if (member is null)
            return Refuse($"Loyalty card {cardNumber} is not on file. The pharmacy counter can sign the customer up.");
        if (!await ChangeAsync(s => s.IdentifyCustomer(member.Id, loyaltyMember: true), ct))
            return ScanOutcome.Refused;
        Inform($"Loyalty member {member.FirstName} {member.LastName}: member prices apply.");
        return ScanOutcome.Added;
    }

    /// <summary>Adds a product picked from the search list.</summary>
    public async Task<bool> AddProductAsync(Guid productId, CancellationToken ct = default)
    {
        var product = await catalog.ProductAsync(productId, ct);
        if (product is null)
            return Fail("That product is no longer in the catalog.");
        return await AddProductAsync(product, null, ct);
    }

    /// <summary>
    /// The one place an item enters the sale: the pharmacy checks run first, then the aggregate adds it (or adds one
    /// to the same item's line when nothing on that line was changed by hand).
    /// </summary>
    public async Task<bool> AddProductAsync(Product product, Guid? lotId, CancellationToken ct = default)
    {
        EndCompletedSale();
        // Before the other checks, so nobody is asked for an ID for an item that cannot be sold here at all.
        if (await prescriptionItems.RefuseAsync(this, product, ct) is { } prescription)
            return Fail(prescription);
        foreach (var check in lineChecks)
        {
            if (await check.CheckAsync(new LineAdding(this, product, 1, lotId), ct) is { } refusal)
                return Fail(refusal);
        }
        var same = Sale.ActiveLines.LastOrDefault(l => l.ProductId == product.Id && l.LotId == lotId && l.Discount is null && l.PriceOverride is null
            && l.UnitPrice == product.Price);
        Guid lineId = default;
        var changed = await ChangeAsync(sale =>
        {
            if (same is not null)
            {
                sale.ChangeQuantity(same.Id, same.Quantity + 1);
                lineId = same.Id;
            }
            else
            {
                lineId = sale.AddLine(product, 1, Branch, lotId).Id;
            }
        }, ct);
        if (changed)
            SelectedLineId = lineId;
        return changed;
    }

    /// <summary>
    /// Prescription fills picked up, each charged at the patient's copay. The pickup (counseling, approvals) was
    /// recorded in <see cref="Evidence"/> by the caller; the checks for store items do not apply to a dispensed fill.
    /// </summary>
    public async Task<bool> AddPrescriptionsAsync(IReadOnlyList<(Product Product, Guid FillId, Money Copay)> fills, CancellationToken ct = default)
    {
        EndCompletedSale();
        Guid lineId = default;
        var changed = await ChangeAsync(sale =>
        {
            foreach (var (product, fillId, copay) in fills)
                lineId = sale.AddPrescriptionLine(product, fillId, copay, Branch).Id;
        }, ct);
        if (changed)
            SelectedLineId = lineId;
        return changed;
    }

    public Task<bool> ChangeQuantityAsync(Guid lineId, int quantity, CancellationToken ct = default) =>
        ChangeAsync(sale => sale.ChangeQuantity(lineId, quantity), ct);

    public async Task<bool> RemoveLineAsync(Guid lineId, string reason, CancellationToken ct = default)
    {
        var next = NeighbourOf(lineId);
        var removed = await ChangeAsync(sale => sale.RemoveLine(lineId, reason), ct);
        if (removed)
            SelectedLineId = next;
        return removed;
    }

    public Task<bool> DiscountLineAsync(Guid lineId, Discount discount, CancellationToken ct = default) =>
        ChangeAsync(sale => sale.ApplyLineDiscount(lineId, discount), ct);

    public Task<bool> DiscountBasketAsync(Discount discount, CancellationToken ct = default) =>
        ChangeAsync(sale => sale.ApplyBasketDiscount(discount), ct);

    /// <summary>A price set by hand; <paramref name="managerId"/> is the manager who approved it at this register.</summary>
    public Task<bool> OverridePriceAsync(Guid lineId, decimal unitPrice, string reason, Guid managerId, CancellationToken ct = default) =>
        ChangeAsync(sale => sale.OverridePrice(lineId, unitPrice, reason, managerId), ct);

    public void SelectNext(int step)
    {
        var lines = Sale.ActiveLines.ToList();
        if (lines.Count == 0)
        {
            SelectedLineId = null;
            return;
        }
        var index = lines.FindIndex(l => l.Id == SelectedLineId);
        index = index < 0 ? lines.Count - 1 : Math.Clamp(index + step, 0, lines.Count - 1);
        SelectedLineId = lines[index].Id;
        Changed?.Invoke();
    }

    /// <summary>Puts the sale aside; the register starts a new one.</summary>
    public async Task<bool> SuspendAsync(CancellationToken ct = default)
    {
        if (!await ChangeAsync(sale => sale.Suspend(), ct, reprice: false))
            return false;
        var number = Sale.SaleNumber;
        if (!await NewSaleAsync(ct))
            return false;
        Inform($"Sale {number} is suspended. Resume it with F9.");
        return true;
    }

    public Task<IReadOnlyList<OpenCartStore.SuspendedCart>> SuspendedAsync(CancellationToken ct = default) => carts.SuspendedAsync(Branch.Id, ct);

    /// <summary>
    /// Brings a suspended sale back to this register. Two registers resuming it at once: exactly one gets it (the
    /// store's conditional update), the other is told and keeps its own empty sale.
    /// </summary>
    public async Task<bool> ResumeAsync(Guid saleId, CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        if (Sale.ActiveLines.Any())
            return Fail("Finish or suspend the sale on the register first.");
        using var writing = Writing();
        if (await carts.FindSuspendedAsync(saleId, Branch.Id, ct) is not var (suspended, version))
            return Fail("That sale is no longer suspended; another register may have resumed it.");
        var resumed = suspended with { Suspended = false, Register = Register };
        CartReplay.Reopened reopened;
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            reopened = await CartReplay.ReopenAsync(db, resumed, ct);
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        var sale = reopened.Rebuilt.Sale;
        var snapshot = CartSnapshot.Of(sale, resumed);
        if (await carts.ResumeAsync(snapshot, version, _screen!, Sale.Id, ct) is not { } written)
        {
            if (!await VerifyHoldAsync(ct))
                return false;
            return Fail($"Sale {suspended.SaleNumber} was resumed at another register a moment ago; it stays there.");
        }
        Sale = sale;
        _carry = snapshot;
        _version = written;
        SelectedLineId = Sale.ActiveLines.LastOrDefault()?.Id;
        if (await TakenOffAsync(reopened, ct) is { } takenOff)
            Fail($"Sale {Sale.SaleNumber} is back on the register. {takenOff}");
        else
            Inform($"Sale {Sale.SaleNumber} is back on the register.");
        return true;
    }

    /// <summary>
    /// Cancels the whole sale; it is recorded as voided with the reason. Payments already taken (a commit refused
    /// after the card was charged) are given back first: each card charge is reversed at the terminal, then taken
    /// off the sale; cash is taken off and the cashier is told to hand it back. If the terminal refuses to give a
    /// card back, that card stays on the sale, the sale stays open, and the cashier is told.
    /// </summary>
    public async Task<bool> VoidSaleAsync(string reason, CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        if (Sale.Lines.Count == 0)
            return Fail("There is nothing to void.");
        using var writing = Writing();
        try
        {
            // Checked before any card goes back, so a missing reason never leaves a sale half given back.
            Text.Required(reason, Sale.ReasonMaxLength, "reason for voiding the sale");
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        var givenBack = new List<PaymentGivenBack>();
        if (Sale.Tenders.Count > 0 && !await GiveBackPaymentsAsync(givenBack, ct))
            return false;
        try
        {
            var voided = await checkout.VoidAsync(CartSnapshot.Of(Sale, _carry), reason, Actor, givenBack, Hold, ct);
            await NewSaleAsync(ct);
            Inform(givenBack.Count == 0
                ? $"Sale {voided.SaleNumber} is voided."
                : $"Sale {voided.SaleNumber} is voided: {string.Join("; ", givenBack)}.");
            return true;
        }
        catch (DomainException ex)
        {
            Fail(ex.Message);
            await VerifyHoldAsync(ct);
            return false;
        }
    }

    /// <summary>What giving the payments back means, for the cashier to confirm: "$5.00 back to the card Visa ending 4242; hand back $3.00 cash".</summary>
    public string PaymentsToGiveBack =>
        string.Join("; ", Sale.Tenders.OrderBy(t => t.Sequence).Select(t => t.IsCard
            ? $"{t.Amount} back to the card {CardName(t)}"
            : $"hand back {t.Amount} cash"));

    private async Task<bool> GiveBackPaymentsAsync(List<PaymentGivenBack> givenBack, CancellationToken ct)
    {
        foreach (var card in Sale.Tenders.Where(t => t.IsCard).OrderBy(t => t.Sequence).ToList())
        {
            // Sale and charge name the reversal: asked again after a lost answer, the terminal gives back once.
            var request = new CardReversalRequest($"{Sale.Id:N}-reverse-{card.TerminalReference}", Sale.Id, Register, card.Amount.Amount,
                card.TerminalReference!);
            CardReversalResult result;
            try
            {
                result = await terminal.ReverseAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                result = new CardReversalResult(false, null, "The terminal did not answer in time. Check the terminal, then try again.");
            }
            if (!result.Approved)
            {
                var done = givenBack.Count == 0 ? "Nothing was given back; the sale is still open." : $"Already given back: {string.Join("; ", givenBack)}.";
                if (givenBack.Count > 0 && !await SaveAsync(ct))
                    return false;
                return Fail($"The card {CardName(card)} ({card.Amount}) could not be given back: {result.Message} {done}");
            }
            Sale.ReverseTender(card.Id);
            _carry = _carry with { Reversals = _carry.Reversals + 1, PendingCard = null };
            givenBack.Add(new PaymentGivenBack(card.Kind, card.Amount, CardName(card), card.TerminalReference, result.TerminalReference));
        }
        foreach (var cash in Sale.Tenders.Where(t => !t.IsCard).OrderBy(t => t.Sequence).ToList())
        {
            Sale.ReverseTender(cash.Id);
            givenBack.Add(new PaymentGivenBack(TenderKind.Cash, cash.Amount, null, null, null));
        }
        return await SaveAsync(ct);
    }

    private static string CardName(Tender card) => $"{card.CardBrand} ending {card.CardLastFour?.Value}";

    /// <summary>Before the first tender: the basket must be priced, in stock, and pass the pharmacy checks.</summary>
    public async Task<bool> StartPaymentAsync(CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        if (!await VerifyHoldAsync(ct))
            return false;
        if (!Sale.ActiveLines.Any())
            return Fail("The sale has no items.");
        if (Sale.Tenders.Count > 0)
            return true;
        foreach (var check in paymentChecks)
        {
            if (await check.CheckAsync(this, ct) is { } refusal)
                return Fail(refusal);
        }
        var wanted = Sale.ActiveLines.Where(l => l.FillId is null).GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => (g.First().Name, Units: g.Sum(l => l.Quantity)));
        var onHand = await catalog.InDateStockAsync(Branch.Id, wanted.Keys, Branch.LocalDate(time.GetUtcNow()), ct);
        foreach (var (productId, (name, units)) in wanted)
        {
            var have = onHand.GetValueOrDefault(productId);
            if (have < units)
                return Fail(have == 0 ? $"{name} is out of stock." : $"Only {have} of {name} left in stock.");
        }
        Message = null;
        return true;
    }

    /// <summary>Cash handed over. The last payment commits the sale; if the commit is refused the cash goes back and nothing changes.</summary>
    public async Task<bool> PayCashAsync(string amountText, CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        if (!Money.TryParse(amountText, out var amount, out var error))
            return Fail(error!);
        using var writing = Writing();
        var before = CartSnapshot.Of(Sale, _carry);
        try
        {
            Sale.AddCashTender(amount.Amount);
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        if (Sale.RemainingDue > Money.Zero)
        {
            if (!await SaveAsync(ct))
                return false;
            Inform($"{Sale.RemainingDue} is still due.");
            return true;
        }
        if (await CompleteAsync(ct))
            return true;
        await LoadAsync(before, ct);
        await VerifyHoldAsync(ct);
        return false;
    }

    /// <summary>
    /// A card payment through the terminal, before the sale commits. The idempotency key is the sale, the tender's
    /// place and the attempt: asked again after a timeout it is the same key, so the terminal answers the first
    /// charge instead of making a second one. A declined or unanswered card adds no tender and leaves the sale open.
    /// </summary>
    public async Task<bool> PayCardAsync(string amountText, bool fsaHsa, CancellationToken ct = default)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        using var writing = Writing();
        CardAttempt attempt;
        if (PendingCard is { } pending)
        {
            // Asked again: only from the screen that still holds the sale.
            if (!await VerifyHoldAsync(ct))
                return false;
            attempt = pending;
        }
        else
        {
            if (!Money.TryParse(amountText, out var amount, out var error))
                return Fail(error!);
            if (CardRefusal(amount, fsaHsa) is { } refusal)
                return Fail(refusal);
            var key = $"{Sale.Id:N}-{Sale.Tenders.Count + 1}-{_carry.CardAttempts + 1}";
            if (_carry.Reversals > 0)
                key += $"-r{_carry.Reversals}";
            attempt = new CardAttempt(key, amount.Amount, fsaHsa);
            _carry = _carry with { PendingCard = attempt };
            // Written before the terminal is asked: a screen that no longer holds the sale charges nothing.
            if (!await SaveAsync(ct))
                return false;
        }

        CardPaymentResult result;
        try
        {
            result = await terminal.ChargeAsync(new CardPaymentRequest(attempt.IdempotencyKey, Sale.Id, Register, attempt.Amount, attempt.FsaHsa), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            result = new CardPaymentResult(CardPaymentOutcome.TimedOut, null, null, null, null, "The terminal did not answer in time. Check the terminal, then try again.");
        }
        switch (result.Outcome)
        {
            case CardPaymentOutcome.Approved:
                try
                {
                    Sale.AddApprovedCardTender(attempt.FsaHsa ? TenderKind.FsaHsaCard : TenderKind.Card, attempt.Amount,
                        result.Brand!, result.LastFour!, result.AuthorizationCode!, result.TerminalReference!);
                }
                catch (DomainException ex) when (!Sale.Tenders.Any(t => t.TerminalReference == result.TerminalReference))
                {
                    // Cannot happen after the checks above; if it does, the charge is on the terminal and a manager must see it.
                    return Fail($"The card was approved ({result.AuthorizationCode}) but could not be put on the sale: {ex.Message} Call a manager.");
                }
                catch (DomainException)
                {
                    // The same approval is already on the sale (a reload between the answer and the save).
                }
                _carry = _carry with { PendingCard = null, CardAttempts = 0 };
                if (!await SaveAsync(ct))
                    return false;
                if (Sale.RemainingDue > Money.Zero)
                {
                    Inform($"Card approved. {Sale.RemainingDue} is still due.");
                    return true;
                }
                if (await CompleteAsync(ct))
                    return true;
                await VerifyHoldAsync(ct);
                return false;
            case CardPaymentOutcome.Declined:
                _carry = _carry with { PendingCard = null, CardAttempts = _carry.CardAttempts + 1 };
                if (!await SaveAsync(ct))
                    return false;
                return Fail(result.Message);
            case CardPaymentOutcome.TimedOut:
            default:
                return Fail(result.Message + " Press Card again: the same payment is asked for, never a second one.");
        }
    }

    /// <summary>Starts the next sale after a completed one (the change and receipt link stay on screen until then).</summary>
    public void EndCompletedSale()
    {
        if (LastCompleted is null)
            return;
        LastCompleted = null;
        Message = null;
    }

    /// <summary>Shows a refusal from outside the session (a pharmacy panel); nothing on the sale changes.</summary>
    public void ShowRefusal(string text) => Fail(text);

    public void ClearMessage()
    {
        Message = null;
        Changed?.Invoke();
    }

    private string? CardRefusal(Money amount, bool fsaHsa)
    {
        if (!Sale.ActiveLines.Any())
            return "The sale has no items.";
        if (amount.Amount <= 0)
            return "A card payment must be more than $0.00.";
        if (amount > Sale.RemainingDue)
            return $"The card would pay more than is due ({Sale.RemainingDue}). Charge {Sale.RemainingDue} or less.";
        if (fsaHsa && amount > Sale.FsaHsaAvailable)
            return $"This FSA/HSA card can pay only for eligible items: {Sale.FsaHsaAvailable}";
        return null;
    }

    private async Task<bool> CompleteAsync(CancellationToken ct)
    {
        try
        {
            LastCompleted = await checkout.CompleteAsync(CartSnapshot.Of(Sale, _carry), Actor, Hold, ct);
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        await NewSaleAsync(ct);
        Message = new CounterMessage(CounterMessageKind.Success,
            LastCompleted.ChangeDue.IsZero ? $"Sale {LastCompleted.SaleNumber} is paid." : $"Change due: {LastCompleted.ChangeDue}");
        Changed?.Invoke();
        return true;
    }

    private async Task<bool> ChangeAsync(Action<Sale> change, CancellationToken ct, bool reprice = true)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        using var writing = Writing();
        try
        {
            change(Sale);
            if (reprice && Sale.Status == SaleStatus.Open && Sale.Tenders.Count == 0)
            {
                var now = time.GetUtcNow();
                Sale.ApplyPromotions(await PricingAsync(now, ct), now);
                _carry = _carry with { PricedAt = now };
            }
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        if (!await SaveAsync(ct))
            return false;
        Message = null;
        Changed?.Invoke();
        return true;
    }


    /// <summary>Puts a saved cart on the register; returns what was taken off it (prescription items held as store items), or null.</summary>
    private async Task<string?> LoadAsync(CartSnapshot snapshot, CancellationToken ct)
    {
        CartReplay.Reopened reopened;
        await using (var db = await factory.CreateDbContextAsync(ct))
            reopened = await CartReplay.ReopenAsync(db, snapshot, ct);
        Sale = reopened.Rebuilt.Sale;
        _carry = snapshot;
        _saved = snapshot;
        SelectedLineId = Sale.ActiveLines.LastOrDefault()?.Id;
        return await TakenOffAsync(reopened, ct);
    }

    /// <summary>What a reopened cart came back without, for the cashier (recorded for controlled drugs), or null.</summary>
    private async Task<string?> TakenOffAsync(CartReplay.Reopened reopened, CancellationToken ct)
    {
        if (reopened.Refused.Count == 0)
            return null;
        var said = new List<string>();
        foreach (var product in reopened.Refused)
            said.Add((await prescriptionItems.RefuseAsync(this, product, ct))!);
        return $"Taken off the sale: {string.Join(" ", said)}";
    }


    private async Task<PricingEngine> PricingAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_pricing is { } cached && now - cached.LoadedAt < PricingKeptFor)
            return cached.Engine;
        await using var db = await factory.CreateDbContextAsync(ct);
        var engine = await CartReplay.PricingAtAsync(db, now, ct);
        _pricing = (engine, now);
        return engine;
    }

    private Guid? NeighbourOf(Guid lineId)
    {
        var lines = Sale.ActiveLines.ToList();
        var index = lines.FindIndex(l => l.Id == lineId);
        if (index < 0 || lines.Count == 1)
            return null;
        return lines[index + 1 < lines.Count ? index + 1 : index - 1].Id;
    }

    private void Inform(string text)
    {
        Message = new CounterMessage(CounterMessageKind.Info, text);
        Changed?.Invoke();
    }

    /// <summary>Shows why nothing changed.</summary>
    private bool Fail(string text)
    {
        Message = new CounterMessage(CounterMessageKind.Error, text);
        Changed?.Invoke();
        return false;
    }

    private ScanOutcome Refuse(string text)
    {
        Fail(text);
        return ScanOutcome.Refused;
    }
}

public enum CounterMessageKind { Info, Success, Error }

public sealed record CounterMessage(CounterMessageKind Kind, string Text);

/// <summary>What a scan led to: an item added, a refusal (the message says why), a list to choose from, or a receipt.</summary>
public sealed record ScanOutcome(ScanOutcomeKind Kind, IReadOnlyList<ProductSearch.Row> Choices, string? SaleNumber, string? PickupCode = null)
{
    /// <summary>A prescription bag label: the register opens the pickup panel with it.</summary>
    public static ScanOutcome Pickup(string code) => new(ScanOutcomeKind.Pickup, [], null, code);

    public static readonly ScanOutcome Added = new(ScanOutcomeKind.Added, [], null);
    public static readonly ScanOutcome Refused = new(ScanOutcomeKind.Refused, [], null);

    public static ScanOutcome Choose(IReadOnlyList<ProductSearch.Row> rows) => new(ScanOutcomeKind.Choose, rows, null);

    public static ScanOutcome Receipt(string saleNumber) => new(ScanOutcomeKind.Receipt, [], saleNumber);
}

public enum ScanOutcomeKind { Added, Refused, Choose, Receipt, Pickup }
