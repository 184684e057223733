using System.Collections.Concurrent;
using System.Globalization;

namespace PharmacyPos.Web.Infrastructure.Payments;

/// <summary>
/// The terminal of the embedded default and of the tests. It approves, except that (documented in the
/// README for demonstrations) an amount whose cents are .13 is declined (a charge or a refund) and a charge whose
/// cents are .14 times out.
/// A timed-out charge is recorded as approved on the terminal side, as a real terminal may have charged: asking
/// again with the same idempotency key returns that approval, which is how the counter avoids charging twice.
/// A charge whose cents are .15 is approved but its reversal is declined (a terminal that lost its connection to
/// the processor), so the counter's "the card could not be given back" path can be shown.
/// </summary>
public sealed class SimulatedPaymentTerminal(TimeProvider time) : IPaymentTerminal
{
    public const decimal DeclinedCents = 0.13m;
    public const decimal TimeoutCents = 0.14m;
    public const decimal ReversalDeclinedCents = 0.15m;
    private static readonly string[] Brands = ["Visa", "Mastercard", "Amex", "Discover"];

    private readonly ConcurrentDictionary<string, CardPaymentResult> _charges = new();
    private readonly ConcurrentDictionary<string, CardRefundResult> _refunds = new();
    private readonly ConcurrentDictionary<string, decimal> _captured = new();
    private readonly ConcurrentDictionary<string, bool> _answeredOnce = new();
    private readonly ConcurrentDictionary<string, CardPaymentRequest> _approvedByReference = new();
    private readonly ConcurrentDictionary<string, CardReversalResult> _reversals = new();
    private readonly ConcurrentDictionary<string, bool> _reversed = new();
    private readonly Lock _reversing = new();

    public Task<CardPaymentResult> ChargeAsync(CardPaymentRequest request, CancellationToken cancellationToken)
    {
        if (request.Amount <= 0)
            return Task.FromResult(new CardPaymentResult(CardPaymentOutcome.Declined, null, null, null, null, "The amount must be more than zero."));
        var stored = _charges.GetOrAdd(request.IdempotencyKey, _ => Decide(request));
        // A timed-out charge answers "timed out" the first time only; the retry learns it went through.
        if (stored.Outcome == CardPaymentOutcome.Approved && Cents(request.Amount) == TimeoutCents && _answeredOnce.TryAdd(request.IdempotencyKey, true))
            return Task.FromResult(stored with { Outcome = CardPaymentOutcome.TimedOut, Message = "The terminal did not answer in time. Check the terminal, then try again." });
        return Task.FromResult(stored);
    }

    public Task<CardRefundResult> RefundAsync(CardRefundRequest request, CancellationToken cancellationToken)
    {
        var result = _refunds.GetOrAdd(request.IdempotencyKey, _ =>
        {
            if (request.Amount <= 0)
                return new CardRefundResult(false, null, "The refund must be more than zero.");
            if (Cents(request.Amount) == DeclinedCents)
                return new CardRefundResult(false, null, "The card issuer declined the refund.");
            return new CardRefundResult(true, Reference("RF"), $"Refund of {request.Amount.ToString("C2", CultureInfo.GetCultureInfo("en-US"))} approved.");
        });
        return Task.FromResult(result);
    }

    public Task<CardReversalResult> ReverseAsync(CardReversalRequest request, CancellationToken cancellationToken)
    {
        lock (_reversing)
        {
            if (_reversals.TryGetValue(request.IdempotencyKey, out var answered))
                return Task.FromResult(answered);
            var result = Reverse(request);
            // A refusal is not kept: the cashier may ask again once the terminal is back.
            if (result.Approved)
                _reversals[request.IdempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    private CardReversalResult Reverse(CardReversalRequest request)
    {
        if (!_approvedByReference.TryGetValue(request.OriginalTerminalReference, out var charge) || charge.SaleId != request.SaleId)
            return new CardReversalResult(false, null, "The terminal has no approved payment with that reference for this sale.");
        if (charge.Amount != request.Amount)
            return new CardReversalResult(false, null, $"The payment was {Usd(charge.Amount)}, not {Usd(request.Amount)}.");
        if (Cents(charge.Amount) == ReversalDeclinedCents)
            return new CardReversalResult(false, null, "The terminal could not reach the card processor. Try again in a moment.");
        if (!_reversed.TryAdd(request.OriginalTerminalReference, true))
            return new CardReversalResult(false, null, "That payment was already given back.");
        _captured.AddOrUpdate(request.SaleId.ToString(), 0m, (_, v) => v - charge.Amount);
        return new CardReversalResult(true, Reference("RV"), $"{Usd(charge.Amount)} given back to the card.");
    }

    /// <summary>Total charged for a sale across all its approved card payments (for tests).</summary>
    public decimal CapturedFor(Guid saleId) => _captured.TryGetValue(saleId.ToString(), out var v) ? v : 0m;

    private CardPaymentResult Decide(CardPaymentRequest request)
    {
        if (Cents(request.Amount) == DeclinedCents)
            return new CardPaymentResult(CardPaymentOutcome.Declined, null, null, null, null, "The card was declined. Ask for another card or another way to pay.");
        var brand = Brands[Math.Abs(request.IdempotencyKey.GetHashCode(StringComparison.Ordinal)) % Brands.Length];
        var lastFour = (Math.Abs(request.IdempotencyKey.GetHashCode(StringComparison.Ordinal)) % 10_000).ToString("D4", CultureInfo.InvariantCulture);
        _captured.AddOrUpdate(request.SaleId.ToString(), request.Amount, (_, v) => v + request.Amount);
        var reference = Reference("TX");
        _approvedByReference[reference] = request;
        return new CardPaymentResult(CardPaymentOutcome.Approved, request.FsaHsaCard ? "FSA " + brand : brand, lastFour,
            Reference("A")[..8], reference, "Approved.");
    }

    private string Reference(string prefix) => $"{prefix}{time.GetUtcNow():yyyyMMddHHmmss}{Random.Shared.Next(100_000, 999_999)}";

    private static string Usd(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("en-US"));

    private static decimal Cents(decimal amount) => amount - decimal.Truncate(amount);
}
