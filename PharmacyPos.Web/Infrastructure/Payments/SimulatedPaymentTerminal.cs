using System.Collections.Concurrent;
using System.Globalization;

namespace PharmacyPos.Web.Infrastructure.Payments;

/// <summary>
/// The terminal of the embedded default and of the tests. It approves, except that (documented in the
/// README for demonstrations) an amount whose cents are .13 is declined and one whose cents are .14 times out.
/// A timed-out charge is recorded as approved on the terminal side, as a real terminal may have charged: asking
/// again with the same idempotency key returns that approval, which is how the counter avoids charging twice.
/// </summary>
public sealed class SimulatedPaymentTerminal(TimeProvider time) : IPaymentTerminal
{
    public const decimal DeclinedCents = 0.13m;
    public const decimal TimeoutCents = 0.14m;
    private static readonly string[] Brands = ["Visa", "Mastercard", "Amex", "Discover"];

    private readonly ConcurrentDictionary<string, CardPaymentResult> _charges = new();
    private readonly ConcurrentDictionary<string, CardRefundResult> _refunds = new();
    private readonly ConcurrentDictionary<string, decimal> _captured = new();
    private readonly ConcurrentDictionary<string, bool> _answeredOnce = new();

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
            return new CardRefundResult(true, Reference("RF"), $"Refund of {request.Amount.ToString("C2", CultureInfo.GetCultureInfo("en-US"))} approved.");
        });
        return Task.FromResult(result);
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
        return new CardPaymentResult(CardPaymentOutcome.Approved, request.FsaHsaCard ? "FSA " + brand : brand, lastFour,
            Reference("A")[..8], Reference("TX"), "Approved.");
    }

    private string Reference(string prefix) => $"{prefix}{time.GetUtcNow():yyyyMMddHHmmss}{Random.Shared.Next(100_000, 999_999)}";

    private static decimal Cents(decimal amount) => amount - decimal.Truncate(amount);
}
