using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>
/// Where files go: Azure Blob Storage when <see cref="ConnectionString"/> or
/// <see cref="BlobServiceUri"/> is set, otherwise a folder on the server. Bound from "Storage".
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage account connection string ("UseDevelopmentStorage=true" for Azurite). Holds a key: keep it in secrets.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint (https://account.blob.core.windows.net), reached with the app's managed identity.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>The container for audit archive blocks; give it a time-based immutability policy.</summary>
    public string AuditContainer { get; set; } = "audit";

    /// <summary>The container for database backups (kept apart: backups expire, the audit archive does not).</summary>
    public string BackupContainer { get; set; } = "backups";

    /// <summary>The archive folder when no Blob Storage is set; relative paths are under the content root. Default: App_Data/archive.</summary>
    public string? LocalPath { get; set; }

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(BlobServiceUri);

    public string ResolveLocalPath(string contentRootPath) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(LocalPath)
            ? Path.Combine(contentRootPath, "App_Data", "archive")
            : Path.Combine(contentRootPath, LocalPath));

    /// <summary>What is wrong with the settings, one message per problem naming the setting; empty when all is well.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUri = !string.IsNullOrWhiteSpace(BlobServiceUri);
        if (hasConnectionString && hasUri)
            problems.Add($"Set either {SectionName}:ConnectionString or {SectionName}:BlobServiceUri, not both.");
        if (hasUri && !(Uri.TryCreate(BlobServiceUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            problems.Add($"{SectionName}:BlobServiceUri must be an absolute https URI.");
        CheckContainer(problems, nameof(AuditContainer), AuditContainer);
        CheckContainer(problems, nameof(BackupContainer), BackupContainer);
        if (string.Equals(AuditContainer, BackupContainer, StringComparison.Ordinal))
            problems.Add($"{SectionName}:AuditContainer and {SectionName}:BackupContainer must be different containers.");
        if (LocalPath is not null && LocalPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            problems.Add($"{SectionName}:LocalPath is not a valid folder path.");
        return problems;
    }

    // Container names: 3 to 63 characters; lowercase letters, digits and single hyphens; starting
    // and ending with a letter or digit (Azure Storage, "Naming and referencing containers").
    private static void CheckContainer(List<string> problems, string setting, string? name)
    {
        var valid = name is { Length: >= 3 and <= 63 }
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
            problems.Add($"{SectionName}:{setting} must be 3 to 63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.");
    }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
