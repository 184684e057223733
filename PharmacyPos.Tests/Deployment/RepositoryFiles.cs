using System.Diagnostics;

namespace PharmacyPos.Tests.Deployment;

/// <summary>Files of the repository the deployment tests read or run.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <summary>A file that scripts/check-infra.sh compiles into artifacts/infra/.</summary>
    public static string CompiledInfra(string fileName)
    {
        var path = Path.Combine(Root, "artifacts", "infra", fileName);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} does not exist: run scripts/check-infra.sh first (it compiles infra/ into artifacts/infra/).");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PharmacyPos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PharmacyPos.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The outcome of a script run.</summary>
internal sealed record ScriptResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    /// <summary>Runs a script of scripts/ with bash; <paramref name="environment"/> entries with a null value are removed.</summary>
    public static ScriptResult Run(string script, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryFiles.Script(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 2 minutes.");
        }

        return new ScriptResult(process.ExitCode, output.Result, error.Result);
    }
}
