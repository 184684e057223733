using PharmacyPos.Web.Infrastructure.Payments;

namespace PharmacyPos.Web.Infrastructure.Telemetry;

/// <summary>Counts every call to the card terminal and its outcome; the terminal's answers pass through unchanged.</summary>
internal sealed class MeteredPaymentTerminal(IPaymentTerminal terminal) : IPaymentTerminal
{
    public async Task<CardPaymentResult> ChargeAsync(CardPaymentRequest request, CancellationToken cancellationToken)
    {
        var result = await Measure("charge", () => terminal.ChargeAsync(request, cancellationToken));
        PosMetrics.CardTerminalCalled("charge", result.Outcome switch
        {
            CardPaymentOutcome.Approved => "approved",
            CardPaymentOutcome.Declined => "declined",
            _ => "timed_out",
        });
        return result;
    }

    public async Task<CardRefundResult> RefundAsync(CardRefundRequest request, CancellationToken cancellationToken)
    {
        var result = await Measure("refund", () => terminal.RefundAsync(request, cancellationToken));
        PosMetrics.CardTerminalCalled("refund", result.Approved ? "approved" : "declined");
        return result;
    }

    public async Task<CardReversalResult> ReverseAsync(CardReversalRequest request, CancellationToken cancellationToken)
    {
        var result = await Measure("reversal", () => terminal.ReverseAsync(request, cancellationToken));
        PosMetrics.CardTerminalCalled("reversal", result.Approved ? "approved" : "declined");
        return result;
    }

    private static async Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PosMetrics.CardTerminalCalled(operation, "failed");
            throw;
        }
    }
}
