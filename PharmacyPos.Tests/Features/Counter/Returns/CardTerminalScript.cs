using System.Collections.Concurrent;
using PharmacyPos.Web.Infrastructure.Payments;

namespace PharmacyPos.Tests.Features.Counter.Returns;

/// <summary>
/// A card terminal for return tests that behaves as a real one does with idempotency keys: the same key gets the first
/// answer again, and a refund is given once per key. Refunds to the payments named in <see cref="Declining"/> are
/// declined; to those in <see cref="LosingAnswer"/> the refund is made but the answer is lost once (the call fails).
/// </summary>
internal sealed class CardTerminalScript : IPaymentTerminal
{
    private readonly ConcurrentDictionary<string, CardRefundResult> _answers = new();
    private readonly ConcurrentDictionary<string, decimal> _given = new();

    public ConcurrentDictionary<string, bool> Declining { get; } = new();
    public ConcurrentDictionary<string, bool> LosingAnswer { get; } = new();
    public ConcurrentQueue<CardRefundRequest> Asked { get; } = new();

    /// <summary>What went back to the card of a payment, over every key.</summary>
    public decimal GivenTo(string paymentReference) => _given.GetValueOrDefault(paymentReference);

    public Task<CardPaymentResult> ChargeAsync(CardPaymentRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Returns never charge a card.");

    public Task<CardReversalResult> ReverseAsync(CardReversalRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Returns never reverse a charge.");

    public Task<CardRefundResult> RefundAsync(CardRefundRequest request, CancellationToken cancellationToken)
    {
        Asked.Enqueue(request);
        var answer = _answers.GetOrAdd(request.IdempotencyKey, _ =>
        {
            if (Declining.ContainsKey(request.OriginalTerminalReference))
                return new CardRefundResult(false, null, "Do not honour");
            _given.AddOrUpdate(request.OriginalTerminalReference, request.Amount, (_, v) => v + request.Amount);
            return new CardRefundResult(true, "RF-" + request.IdempotencyKey, "Approved.");
        });
        if (answer.Approved && LosingAnswer.TryRemove(request.OriginalTerminalReference, out _))
            throw new TimeoutException("The terminal did not answer in time.");
        return Task.FromResult(answer);
    }
}
