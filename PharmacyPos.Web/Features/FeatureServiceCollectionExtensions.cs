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
        // Counter: receipts, returns, history
        services.AddSingleton<Counter.Receipt.SaleRecords>();
        services.AddSingleton<Counter.History.SaleHistory>();
        services.AddSingleton<Counter.Returns.ISaleLineLots, Counter.Returns.LatestLotSaleLineLots>();
        services.AddSingleton<Counter.Returns.ManagerApproval>();
        services.AddSingleton<Counter.Returns.ReturnDesk>();
        return services;
    }

    public static void MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
    }
}
