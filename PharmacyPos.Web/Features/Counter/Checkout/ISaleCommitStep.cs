using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// A rule that must hold, or a record that must be written, in the same database transaction as the sale:
/// the listed-chemical logbook and its chain-wide limits, the controlled-substance record, marking fills
/// picked up. Steps run after stock is taken and before the one SaveChanges; throwing a DomainException
/// refuses the whole sale with that message and nothing is written.
/// </summary>
public interface ISaleCommitStep
{
    Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken);
}

public sealed record SaleCommitContext(PosDbContext Db, Sale Sale, Branch Branch, AuditActor Actor, SaleEvidence Evidence, DateTimeOffset At);
