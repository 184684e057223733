namespace PharmacyPos.Web;

/// <summary>Operations commands run against the configured database instead of serving the app.</summary>
internal static class PosCommands
{
    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        switch (command)
        {
            default:
                await Console.Error.WriteLineAsync($"Unknown command \"{string.Join(' ', command)}\". Commands: migrate, audit verify.");
                await Task.CompletedTask;
                _ = app;
                return 64;
        }
    }
}
