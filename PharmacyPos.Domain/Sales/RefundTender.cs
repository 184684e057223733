using System.Globalization;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// Money going back to the customer through one of the sale's tenders (or in cash). It is planned when the return is
/// recorded, before the terminal is asked, and approved once the terminal (or the cash drawer) has given it back.
/// </summary>
public sealed class RefundTender : Entity
{
    public const int IdempotencyKeyMaxLength = 64;
    public const int MessageMaxLength = 200;

    private RefundTender() { }

    internal RefundTender(Tender? original, TenderKind kind, Money amount)
    {
        OriginalTenderId = original?.Id;
        Kind = kind;
        Amount = amount;
        CardBrand = original?.CardBrand;
        CardLastFour = original?.CardLastFour;
        TerminalReference = original?.TerminalReference;
    }

    /// <summary>The sale's tender this refund goes back to; null for cash handed back without a cash tender on the sale.</summary>
    public Guid? OriginalTenderId { get; private set; }
    public TenderKind Kind { get; private set; }
    public Money Amount { get; private set; }
    public string? CardBrand { get; private set; }
    public CardLastFour? CardLastFour { get; private set; }
    /// <summary>The original approval's reference, for the terminal to refund against.</summary>
    public string? TerminalReference { get; private set; }

    /// <summary>Its place in the return (1, 2, ...): part of the key the terminal knows it by.</summary>
    public int Sequence { get; private set; }
    public RefundStatus Status { get; private set; }
    /// <summary>
    /// What the terminal knows this refund by. Asked again with the same key (a retry, a lost answer) the terminal
    /// answers the first time's answer and never refunds twice. A key changes only after a definite decline.
    /// </summary>
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>How many times the terminal has been asked under a new key (after declines).</summary>
    public int Attempt { get; private set; }
    /// <summary>The terminal's reference for the refund it approved.</summary>
    public string? RefundReference { get; private set; }
    /// <summary>Why the terminal last declined it.</summary>
    public string? DeclineMessage { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Goes to a card through the terminal (cash is handed back from the drawer).</summary>
    public bool IsCard => Kind is TenderKind.Card or TenderKind.FsaHsaCard;
    /// <summary>Counts toward what the sale has refunded (planned, declined-and-to-be-retried, or given back).</summary>
    public bool Counts => Status != RefundStatus.Withdrawn;

    internal void Plan(Guid returnId, int sequence)
    {
        Sequence = sequence;
        Attempt = 1;
        Status = RefundStatus.Planned;
        IdempotencyKey = Key(returnId, sequence, Attempt);
    }

    /// <summary>Committed just before the terminal is asked: from here on the refund may have gone through.</summary>
    internal void Send()
    {
        if (Status == RefundStatus.Planned)
            Status = RefundStatus.Sent;
    }

    internal void Approve(string? reference, DateTimeOffset at)
    {
        if (Status == RefundStatus.Approved)
            return;
        if (Status == RefundStatus.Withdrawn)
            throw new DomainException("That refund was withdrawn and handed back another way.");
        Status = RefundStatus.Approved;
        RefundReference = reference is { Length: > Tender.TerminalReferenceMaxLength } r ? r[..Tender.TerminalReferenceMaxLength] : reference;
        DeclineMessage = null;
        ApprovedAt = at.ToUniversalTime();
    }

    internal void Decline(string message)
    {
        if (Status is RefundStatus.Approved or RefundStatus.Withdrawn)
            return;
        Status = RefundStatus.Declined;
        var text = (message ?? "").Trim();
        DeclineMessage = text.Length > MessageMaxLength ? text[..MessageMaxLength] : text;
    }

    /// <summary>
    /// After a definite decline the terminal would answer the same key with the same decline: the next attempt gets a
    /// new key. A refund whose outcome is unknown (no answer) keeps its key, so asking again learns what happened.
    /// </summary>
    internal void Retry(Guid returnId)
    {
        if (Status != RefundStatus.Declined)
            return;
        Attempt++;
        Status = RefundStatus.Planned;
        IdempotencyKey = Key(returnId, Sequence, Attempt);
    }

    internal void Withdraw()
    {
        if (Status is RefundStatus.Approved or RefundStatus.Sent)
            throw new DomainException("A refund the terminal approved, or may have approved, cannot be withdrawn.");
        Status = RefundStatus.Withdrawn;
    }

    /// <summary>Cash handed back in place of a card refund that could not be made: it counts against that card's payment.</summary>
    internal static RefundTender CashInPlaceOf(RefundTender card)
    {
        var cash = new RefundTender
        {
            OriginalTenderId = card.OriginalTenderId,
            Kind = TenderKind.Cash,
            Amount = card.Amount,
        };
        return cash;
    }

    private static string Key(Guid returnId, int sequence, int attempt) => attempt == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{returnId:N}-{sequence}")
        : string.Create(CultureInfo.InvariantCulture, $"{returnId:N}-{sequence}-{attempt}");
}

/// <summary>Where one refund of a return stands.</summary>
public enum RefundStatus
{
    /// <summary>Recorded, not yet asked of the terminal.</summary>
    Planned,
    /// <summary>Asked of the terminal, no answer recorded yet: it may have gone through. Ask again with the same key.</summary>
    Sent,
    /// <summary>The terminal declined it; a retry asks again under a new key.</summary>
    Declined,
    /// <summary>Given back: approved by the terminal, or handed over in cash.</summary>
    Approved,
    /// <summary>Never given back this way (the return was cancelled, or the rest was handed back in cash).</summary>
    Withdrawn,
}
