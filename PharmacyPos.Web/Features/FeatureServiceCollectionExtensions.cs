namespace PharmacyPos.Web.Features;

/// <summary>Each feature slice registers its handlers here and maps its endpoints.</summary>
public static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddScoped<Infrastructure.Identity.RegisterLockState>();
        services.AddScoped<Infrastructure.Identity.StaffSignIn>();
        services.AddSingleton<Infrastructure.Auditing.IAuditTrail, Infrastructure.Auditing.AuditTrail>();
        services.AddSingleton<Catalog.Products.ProductSearch>();
        services.AddSingleton<Inventory.Stock.StockOnHand>();
        services.AddSingleton<Administration.Staff.StaffDirectory>();
        // Counter: register and checkout
        services.AddSingleton<Counter.Checkout.CheckoutHandler>();
        services.AddSingleton<Counter.Register.OpenCartStore>();
        services.AddSingleton<Counter.Register.CounterCatalog>();
        services.AddSingleton<Counter.Register.ManagerApproval>();
        services.AddScoped<Counter.Register.RegisterSession>();
        return services;
    }

    public static void MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
    }
}
