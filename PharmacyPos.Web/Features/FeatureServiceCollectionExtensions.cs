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
        // Audit trail: appending, chaining and archiving in the background, the review screen and its export.
        services.AddAuditTrail();
        services.AddSingleton<Audit.Review.AuditSearch>();
        services.AddSingleton<Catalog.Products.ProductSearch>();
        services.AddSingleton<Inventory.Stock.StockOnHand>();
        services.AddSingleton<Administration.Staff.StaffDirectory>();
        return services;
    }

    public static void MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        // Audit trail
        app.MapAuditExport();
    }
}
