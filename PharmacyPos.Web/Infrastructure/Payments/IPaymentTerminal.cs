namespace PharmacyPos.Web.Infrastructure.Payments;

/// <summary>
/// The card terminal beside a register. The app never sees a card number: the terminal reads the card and
/// answers with the brand, the last four digits and an authorization code. Every request carries an
/// idempotency key; asking again with the same key (after a timeout, a retry, a reconnect) returns the first
/// answer and never charges twice.
/// </summary>
public interface IPaymentTerminal
{
    Task<CardPaymentResult> ChargeAsync(CardPaymentRequest request, CancellationToken cancellationToken);

    Task<CardRefundResult> RefundAsync(CardRefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back a charge approved for a sale that never completed (a void of the approval, or a refund once it
    /// has settled), named by the charge's terminal reference. Asked again with the same key it answers the same.
    /// </summary>
    Task<CardReversalResult> ReverseAsync(CardReversalRequest request, CancellationToken cancellationToken);
}

public sealed record CardPaymentRequest(string IdempotencyKey, Guid SaleId, string Register, decimal Amount, bool FsaHsaCard);

public enum CardPaymentOutcome
{
    Approved,
    Declined,
    TimedOut,
}

public sealed record CardPaymentResult(CardPaymentOutcome Outcome, string? Brand, string? LastFour, string? AuthorizationCode,
    string? TerminalReference, string Message);

/// <summary>A refund to the card of an earlier payment, named by that payment's terminal reference.</summary>
public sealed record CardRefundRequest(string IdempotencyKey, Guid ReturnId, string Register, decimal Amount, string OriginalTerminalReference);

public sealed record CardRefundResult(bool Approved, string? TerminalReference, string Message);

/// <summary>The whole of an approved charge given back, named by its terminal reference.</summary>
public sealed record CardReversalRequest(string IdempotencyKey, Guid SaleId, string Register, decimal Amount, string OriginalTerminalReference);

public sealed record CardReversalResult(bool Approved, string? TerminalReference, string Message);
