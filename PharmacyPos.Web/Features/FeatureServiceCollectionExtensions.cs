using PharmacyPos.Web.Features.Audit.Review;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features;

/// <summary>Each feature slice registers its handlers here and maps its endpoints.</summary>
public static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddScoped<Infrastructure.Identity.RegisterLockState>();
        services.AddScoped<Infrastructure.Identity.StaffSignIn>();
        services.AddScoped<Infrastructure.Identity.RegisterChoices>();
        // Audit trail: appending, chaining and archiving in the background, the review screen and its export.
        services.AddAuditTrail();
        services.AddSingleton<Audit.Review.AuditSearch>();
        services.AddSingleton<Catalog.Products.ProductSearch>();
        services.AddSingleton<Inventory.Stock.StockOnHand>();
        services.AddSingleton<Administration.Staff.StaffDirectory>();
        // Administration: staff are created, changed, unlocked and deactivated by admins.
        services.AddSingleton<Administration.Staff.StaffAdministration>();

        // Pharmacy at the counter. Commit steps run in this order: the controlled-substance record reads the
        // fills before the pickup marks them picked up.
        services.AddSingleton<Counter.Checkout.ISaleCommitStep, Pharmacy.Checkout.AgeCheckStep>();
        services.AddSingleton<Counter.Checkout.ISaleCommitStep, Pharmacy.Checkout.ListedChemicalStep>();
        services.AddSingleton<Counter.Checkout.ISaleCommitStep, Pharmacy.Checkout.ControlledSubstanceStep>();
        services.AddSingleton<Counter.Checkout.ISaleCommitStep, Pharmacy.Checkout.PrescriptionPickupStep>();
        services.AddSingleton<Pharmacy.Fills.FillQueue>();
        services.AddSingleton<Pharmacy.Logbook.LogbookSearch>();
        // Exports take their criteria from a one-time ticket, never from the URL.
        services.AddSingleton<Infrastructure.Export.ExportTickets>();
        services.AddSingleton<Administration.Policy.BranchPolicies>();
        services.AddSingleton<Pharmacy.Components.IPharmacistApprover, Pharmacy.Components.PharmacistApprover>();
        services.AddSingleton<Pharmacy.Notifications.PharmacyNotifier>();
        // Pharmacy at the counter: the register's checks (scoped: they open dialogs on the register's page)
        services.AddSingleton<Pharmacy.Counter.PickupDesk>();
        services.AddScoped<Pharmacy.Counter.CounterAsk>();
        services.AddScoped<Pharmacy.Counter.PickupAtCounter>();
        services.AddScoped<Counter.Register.ILineAddingCheck, Pharmacy.Counter.ListedChemicalLineCheck>();
        services.AddScoped<Counter.Register.ILineAddingCheck, Pharmacy.Counter.ScheduleVOtcLineCheck>();
        services.AddScoped<Counter.Register.ILineAddingCheck, Pharmacy.Counter.AgeRestrictedLineCheck>();
        services.AddScoped<Counter.Register.IPaymentStartingCheck, Pharmacy.Counter.SignatureBeforePayment>();

        // Counter: receipts, returns, history
        services.AddSingleton<Counter.Receipt.SaleRecords>();
        services.AddSingleton<Counter.History.SaleHistory>();
        services.AddSingleton<Counter.Returns.ManagerApproval>();
        services.AddSingleton<Counter.Returns.ReturnLots>();
        services.AddSingleton<Counter.Returns.ReturnBook>();
        services.AddSingleton<Counter.Returns.ReturnDesk>();

        // Counter: register and checkout. Returns put stock back into the lots recorded at checkout
        // (sales recorded before that table existed fall back to the latest in-date lot).
        services.AddSingleton<Counter.Checkout.CheckoutHandler>();
        services.AddSingleton<Counter.Returns.ISaleLineLots, Counter.Checkout.RecordedSaleLineLots>();
        services.AddSingleton<Counter.Register.OpenCartStore>();
        services.AddSingleton<Counter.Register.CounterCatalog>();
        services.AddSingleton<Counter.Register.PriceChangeApproval>();
        services.AddSingleton<Counter.Register.PrescriptionItemGuard>();
        services.AddScoped<Counter.Register.RegisterSession>();
        return services;
    }

    public static void MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        // Audit trail
        app.MapAuditExport();
        // Pharmacy at the counter
        Pharmacy.Logbook.LogbookExport.MapLogbookExport(app);
        app.MapHub<Pharmacy.Notifications.PharmacyHub>(Pharmacy.Notifications.PharmacyHub.Path).RequireAuthorization(Infrastructure.Identity.Policies.Counter);
    }
}
