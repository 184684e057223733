using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web;

/// <summary>Operations commands run against the configured database instead of serving the app.</summary>
internal static class PosCommands
{
    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "--database", "--archive" };

    /// <summary>A switch of a command (<c>audit verify --archive</c>), as opposed to a configuration setting.</summary>
    public static bool IsCommandFlag(string argument) => Flags.Contains(argument);

    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        switch (command)
        {
            case ["audit", "verify", .. var flags] when flags.All(IsCommandFlag):
                var database = flags.Contains("--database", StringComparer.OrdinalIgnoreCase);
                var archive = flags.Contains("--archive", StringComparer.OrdinalIgnoreCase);
                var parts = database == archive
                    ? AuditVerifyCommand.Parts.Both
                    : database ? AuditVerifyCommand.Parts.Database : AuditVerifyCommand.Parts.Archive;
                return await AuditVerifyCommand.RunAsync(app.Services, parts, Console.Out);
            default:
                await Console.Error.WriteLineAsync(
                    $"Unknown command \"{string.Join(' ', command)}\". Commands: migrate [expand | contract], audit verify [--database | --archive].");
                return 64;
        }
    }
}
