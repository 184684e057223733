using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Features.Pharmacy.Components;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Counter;

/// <summary>
/// Before payment: a sale with a listed chemical (the logbook's signature, 21 CFR 1314.30(d)) or a prescription
/// picked up needs the purchaser's or patient's signature on the pad. One signature covers the sale.
/// </summary>
public sealed class SignatureBeforePayment(IDbContextFactory<PosDbContext> factory, CounterAsk ask) : IPaymentStartingCheck
{
    public async Task<string?> CheckAsync(RegisterSession session, CancellationToken cancellationToken)
    {
        if (session.Evidence.Signature is not null)
            return null;
        var lines = session.Sale.ActiveLines.ToList();
        var pickup = lines.Any(l => l.FillId is not null);
        var ids = lines.Where(l => l.FillId is null).Select(l => l.ProductId).Distinct().ToList();
        bool listed;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var products = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id) && p.ListedChemical != null)
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            var listedLines = lines.Where(l => l.FillId is null && products.ContainsKey(l.ProductId)).Select(l => (products[l.ProductId], l.Quantity));
            // A single package of not more than 60 mg of pseudoephedrine needs no logbook entry, so no signature,
            // unless the purchaser showed an ID, when it is logged all the same.
            listed = products.Count > 0 && (session.Evidence.PurchaserId is not null || !SinglePackageExemption.Applies(listedLines));
        }
        if (!pickup && !listed)
            return null;
        var statement = pickup
            ? "I received my prescription(s) and was offered counseling by the pharmacist."
            : "I confirm the purchase recorded in the logbook; false statements are subject to penalties (18 U.S.C. 1001).";
        var signature = await ask.AskAsync<SignatureDialog, PatientSignature>(pickup ? "Patient's signature" : "Purchaser's signature",
            new DialogParameters<SignatureDialog>
            {
                { d => d.Title, pickup ? "Patient's signature" : "Purchaser's signature" },
                { d => d.Statement, statement },
            });
        if (signature is null)
            return pickup
                ? "The patient must sign for the prescription before it is handed over."
                : "The purchaser must sign the logbook.";
        session.Evidence.Signature = signature;
        return null;
    }
}
