using System.CommandLine;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Api;

/// <summary>`pathway api-clients add` (cli.md): registers a client system for the HTTP API and prints its secret, once.</summary>
public static class ApiClientsVerb
{
    public static Command Create(CliConsole console) =>
        new("api-clients", "Client systems of the HTTP API: register one.") { Add(console) };

    private static Command Add(CliConsole console)
    {
        var name = new Option<string>("--name") { Required = true, Description = "The client system's name, as administrators see it." };
        var scopes = new Option<string>("--scopes") { Required = true, Description = $"Scopes separated by spaces: {string.Join(", ", ApiScopes.All)}." };
        var provider = new Option<string?>("--provider") { Description = "The provider's code, for a client acting for a provider." };
        var localAuthority = new Option<string?>("--local-authority") { Description = "The council's code, for a client acting for a council." };
        var command = new Command("add", "Register a client system; prints client_id and client_secret (shown once) on standard output.")
        {
            name, scopes, provider, localAuthority,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var outcome = await ApiClients.AddAsync(db,
                new NewApiClient(parse.GetValue(name), parse.GetValue(scopes), parse.GetValue(provider), parse.GetValue(localAuthority)),
                TimeProvider.System, cancel);
            switch (outcome)
            {
                case ApiClientOutcome.Issued issued:
                    db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ApiClient, issued.Client.ClientId));
                    await db.SaveChangesAsync(cancel);
                    console.Out.WriteLine($"client_id: {issued.Client.ClientId}");
                    console.Out.WriteLine($"client_secret: {issued.Secret}");
                    console.Error.WriteLine("Keep the secret now: Pathway stores only its hash and cannot show it again.");
                    return ExitCodes.Done;
                case ApiClientOutcome.Invalid invalid:
                    foreach (var (_, message) in invalid.Messages) console.Error.WriteLine(message + ".");
                    return ExitCodes.Refused;
                default:
                    throw new InvalidOperationException("An API client outcome without a case.");
            }
        });
        return command;
    }
}
