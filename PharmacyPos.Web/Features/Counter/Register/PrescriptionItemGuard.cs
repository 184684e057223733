using System.Text.Json;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// Keeps prescription-only drugs out of the register as store items: scanned, picked from a name search, or left in
/// a cart saved before the sale refused them. The cashier is told to hand the drug over from its filled prescription
/// (F11 or the bag label), before any other check asks them anything. An attempt at a controlled drug is recorded in
/// the audit trail: every controlled substance that could leave the pharmacy is accounted for (21 CFR 1304).
/// The <see cref="Sale"/> aggregate refuses the same item itself; this is the cashier's early word and the record.
/// </summary>
public sealed class PrescriptionItemGuard(IAuditTrail audit)
{
    /// <summary>The refusal for <paramref name="product"/> as a store item, recorded when it is controlled; null when it may be sold.</summary>
    public async Task<string?> RefuseAsync(RegisterSession session, Product product, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(product);
        if (Sale.StoreItemRefusal(product) is not { } refusal)
            return null;
        if (product.Schedule.IsControlled())
        {
            await audit.RecordAsync(session.Actor, new AuditEntry(AuditEventTypes.PrescriptionItemRefused, nameof(Sale), session.Sale.Id.ToString())
            {
                After = JsonSerializer.Serialize(new
                {
                    sale = session.Sale.SaleNumber,
                    product = product.Name,
                    ndc = product.Ndc?.ToString(),
                    schedule = product.Schedule.Label(),
                    register = session.Register,
                }),
                Reason = refusal,
                ProductId = product.Id,
                DeaSchedule = (int)product.Schedule,
            }, ct);
        }
        return refusal;
    }
}
