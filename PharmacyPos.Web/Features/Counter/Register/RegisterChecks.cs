using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// Runs at the register just before an item goes into the sale (age, photo ID, pseudoephedrine limits, a
/// prescription's pickup). It may ask the cashier through a dialog and writes what it collected into
/// <see cref="RegisterSession.Evidence"/>; the cart, evidence included, is saved right after the item is added.
/// Return a message to keep the item out of the sale (shown to the cashier), or null to let it in.
/// Register implementations as scoped services (one per register page): they may use IDialogService.
/// </summary>
public interface ILineAddingCheck
{
    Task<string?> CheckAsync(LineAdding adding, CancellationToken cancellationToken);
}

/// <param name="Session">The register: its sale, branch, cashier and evidence.</param>
/// <param name="Product">The item about to be added.</param>
/// <param name="Quantity">Units about to be added (the line may already hold some of the same item).</param>
/// <param name="LotId">The stock lot a DataMatrix scan named, if any.</param>
public sealed record LineAdding(RegisterSession Session, Product Product, int Quantity, Guid? LotId);

/// <summary>
/// Runs when the cashier starts payment (F10), before any tender: the last word of the pharmacy rules on the whole
/// basket. Return a message to keep the sale from being paid, or null. Register as scoped services.
/// </summary>
public interface IPaymentStartingCheck
{
    Task<string?> CheckAsync(RegisterSession session, CancellationToken cancellationToken);
}
