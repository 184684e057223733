using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Pharmacy.Notifications;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>Two instances of the app behind one Redis and one PostgreSQL database, as in production.</summary>
public class PharmacyHubTests
{
    private static PosAppFactory Instance(TestDatabase database) => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Pos"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Seed"] = "true",
        },
    };

    private static async Task<HubConnection> ConnectAsync(PosAppFactory app, string userName, string password)
    {
        using var client = app.CreateBrowserLikeClient();
        var signIn = await PosAppFactory.SignInAsync(client, userName, password);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, PharmacyHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookies;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_counseling_request_at_one_instance_reaches_the_branch_pharmacist_connected_to_another()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var a = Instance(database);
        _ = a.Server; // starts, migrates and seeds before the second instance starts
        await using var b = Instance(database);
        _ = b.Server;

        await using var pharmacist = await ConnectAsync(b, "pharmacist", "Pharmacist-Demo-1");
        await using var otherBranch = await ConnectAsync(b, "pharmacist2", "Pharmacist-Demo-2");
        var received = new TaskCompletionSource<CounselingRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrongBranch = 0;
        pharmacist.On<CounselingRequest>(PharmacyHub.CounselingRequested, r => received.TrySetResult(r));
        otherBranch.On<CounselingRequest>(PharmacyHub.CounselingRequested, _ => Interlocked.Increment(ref wrongBranch));
        await using var cashier = await ConnectAsync(a, "cashier", "Cashier-Demo-1");

        await cashier.InvokeAsync(nameof(PharmacyHub.RequestCounseling), "Maria Garcia", "Amoxicillin 500 mg");

        var request = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("Counseling requested at R1 for Maria Garcia (Amoxicillin 500 mg)", request.Text);
        // The Riverside pharmacist is in another group; a second request proves ordering without a sleep.
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pharmacist.On<CounselingRequest>(PharmacyHub.CounselingRequested, _ => second.TrySetResult());
        await cashier.InvokeAsync(nameof(PharmacyHub.RequestCounseling), "James Smith", "");
        await second.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, wrongBranch);
    }
}
