using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit archive store chosen by "Storage": Blob Storage when a connection
    /// string or service URI is set, otherwise a local folder; plus its health and the archiver.
    /// Settings are checked at start-up with messages that name the setting.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<AuditArchiverOptions>().Bind(configuration.GetSection(AuditArchiverOptions.SectionName))
            .Validate(o => o.BlockSize is >= 1 and <= 100_000, $"{AuditArchiverOptions.SectionName}:BlockSize must be 1 to 100,000.")
            .Validate(o => o.MaxAttempts >= 1, $"{AuditArchiverOptions.SectionName}:MaxAttempts must be at least 1.")
            .ValidateOnStart();

        var settings = section.Get<StorageOptions>() ?? new StorageOptions();
        if (settings.UsesBlobStorage)
        {
            services.TryAddSingleton(sp => CreateBlobServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.TryAddSingleton<IAuditArchiveStore>(sp => new BlobAuditArchiveStore(
                sp.GetRequiredService<BlobServiceClient>()
                    .GetBlobContainerClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.AuditContainer)));
        }
        else
        {
            services.TryAddSingleton<IAuditArchiveStore>(sp => new LocalFolderAuditArchiveStore(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveLocalPath(contentRootPath)));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArchiveHealth>();
        services.TryAddSingleton<AuditArchiver>();
        return services;
    }

    internal static BlobServiceClient CreateBlobServiceClient(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            // The app's managed identity in Azure; a developer's az/VS sign-in elsewhere.
            ? new BlobServiceClient(new Uri(options.BlobServiceUri!), new DefaultAzureCredential())
            : new BlobServiceClient(options.ConnectionString);
}
