using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>Units of a sale line in one stock lot.</summary>
public sealed record LotQuantity(Guid LotId, int Quantity);

/// <summary>Which stock lots a sale line's units were taken from at checkout.</summary>
public interface ISaleLineLots
{
    /// <summary>
    /// The lots checkout took <paramref name="saleLineId"/>'s units from, with how many from each, the latest-expiring
    /// lot first; empty for a sale recorded before checkout kept its lots. Read inside the return's unit of work.
    /// </summary>
    Task<IReadOnlyList<LotQuantity>> TakenFromAsync(PosDbContext db, Guid saleLineId, CancellationToken cancellationToken);
}
