using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Storage;

public class StorageOptionsTests
{
    private static ServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddStorage(configuration, "/srv/pharmacypos").BuildServiceProvider();
    }

    [Fact]
    public void Without_blob_settings_the_archive_goes_to_app_data()
    {
        using var services = Services();

        var store = Assert.IsType<LocalFolderAuditArchiveStore>(services.GetRequiredService<IAuditArchiveStore>());
        Assert.Equal(Path.GetFullPath("/srv/pharmacypos/App_Data/archive"), store.Folder);
        Assert.NotNull(services.GetRequiredService<AuditArchiver>());
    }

    [Fact]
    public void A_relative_local_path_is_under_the_content_root()
    {
        using var services = Services(("Storage:LocalPath", "data/audit"));

        var store = Assert.IsType<LocalFolderAuditArchiveStore>(services.GetRequiredService<IAuditArchiveStore>());
        Assert.Equal(Path.GetFullPath("/srv/pharmacypos/data/audit"), store.Folder);
    }

    [Fact]
    public void A_connection_string_selects_blob_storage_and_the_audit_container()
    {
        using var services = Services(("Storage:ConnectionString", "UseDevelopmentStorage=true"), ("Storage:AuditContainer", "audit-trail"));

        var store = Assert.IsType<BlobAuditArchiveStore>(services.GetRequiredService<IAuditArchiveStore>());
        Assert.EndsWith("/audit-trail", store.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_selects_blob_storage_with_the_apps_identity()
    {
        using var services = Services(("Storage:BlobServiceUri", "https://pharmacypos.blob.core.windows.net"));

        var store = Assert.IsType<BlobAuditArchiveStore>(services.GetRequiredService<IAuditArchiveStore>());
        Assert.Equal("https://pharmacypos.blob.core.windows.net/audit", store.Location);
    }

    [Theory]
    [InlineData("Storage:BlobServiceUri", "http://pharmacypos.blob.core.windows.net", "Storage:BlobServiceUri must be an absolute https URI.")]
    [InlineData("Storage:BlobServiceUri", "pharmacypos.blob.core.windows.net", "Storage:BlobServiceUri must be an absolute https URI.")]
    [InlineData("Storage:AuditContainer", "Audit", "Storage:AuditContainer must be 3 to 63 lowercase letters")]
    [InlineData("Storage:AuditContainer", "au", "Storage:AuditContainer must be 3 to 63 lowercase letters")]
    [InlineData("Storage:BackupContainer", "back--ups", "Storage:BackupContainer must be 3 to 63 lowercase letters")]
    [InlineData("Storage:BackupContainer", "audit", "Storage:AuditContainer and Storage:BackupContainer must be different containers.")]
    public void Bad_settings_are_refused_with_a_message_naming_the_setting(string key, string value, string message)
    {
        using var services = Services((key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(refused.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Both_a_connection_string_and_a_service_uri_is_refused() =>
        Assert.Contains(
            "Set either Storage:ConnectionString or Storage:BlobServiceUri, not both.",
            new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", BlobServiceUri = "https://a.blob.core.windows.net" }.Problems());

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new StorageOptions().Problems());
}
