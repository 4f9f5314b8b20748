using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Admin;

/// <summary>`pathway users add` and `pathway users list` (cli.md): the first administrator of a new deployment, and scripted onboarding.</summary>
public static class UsersVerb
{
    public static Command Create(CliConsole console) =>
        new("users", "Staff accounts: add a member of staff, or list them.") { Add(console), List(console) };

    private static Command Add(CliConsole console)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The work email address they sign in with." };
        var name = new Option<string>("--name") { Required = true, Description = "Their name, as colleagues see it." };
        var role = new Option<string>("--role") { Required = true, Description = $"One of {string.Join(", ", Roles.All)}." };
        var provider = new Option<string?>("--provider") { Description = "The provider's code: needed by every role but Commissioner and Administrator." };
        var localAuthority = new Option<string?>("--local-authority") { Description = "The council's code: needed by a Commissioner." };
        var team = new Option<string?>("--team") { Description = "The name of their team at the provider (optional)." };
        var command = new Command("add", "Create a member of staff; the password is read from standard input. Prints the new user's id.")
        {
            email, name, role, provider, localAuthority, team,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            // Never an argument: arguments show in `ps` and in shell history.
            var password = await ReadPasswordAsync(console, cancel);
            await using var services = Services(target);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var outcome = await StaffOnboarding.AddAsync(db, users,
                new NewStaffMember(parse.GetValue(email), parse.GetValue(name), parse.GetValue(role), parse.GetValue(provider),
                    parse.GetValue(localAuthority), parse.GetValue(team), password),
                id => AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, id), cancel);
            switch (outcome)
            {
                case OnboardingOutcome.Created created:
                    console.Out.WriteLine(created.Id);
                    return ExitCodes.Done;
                case OnboardingOutcome.Invalid invalid:
                    foreach (var message in invalid.Messages) console.Error.WriteLine(message.Message + ".");
                    return ExitCodes.Refused;
                default:
                    throw new InvalidOperationException("An onboarding outcome without a case.");
            }
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "One tab-separated line per member of staff: id, email, roles, provider or council, enabled (yes/no), two-factor set up (yes/no).");
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var rolesOf = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancel))
                .ToLookup(r => r.UserId, r => r.Name!);
            var staff = await db.Users.AsNoTracking().OrderBy(u => u.Email)
                .Select(u => new { u.Id, u.Email, u.ProviderCode, u.LocalAuthorityCode, u.LockoutEnd, u.TwoFactorEnabled })
                .ToListAsync(cancel);
            db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.View, AuditOutcomes.Allowed, AuditedRecordTypes.StaffUser, "all"));
            await db.SaveChangesAsync(cancel);
            // Exactly one tab-separated line per member of staff (cli.md), so a script can count, cut or awk it.
            foreach (var u in staff)
                console.Out.WriteLine(string.Join('\t', u.Id, u.Email, string.Join(',', rolesOf[u.Id].Order()) is { Length: > 0 } roles ? roles : "-",
                    u.ProviderCode ?? u.LocalAuthorityCode ?? "-", UserAccounts.IsDisabled(u.LockoutEnd) ? "no" : "yes", u.TwoFactorEnabled ? "yes" : "no"));
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>The first line of standard input; typed without echo when a person is at a terminal.</summary>
    private static async Task<string?> ReadPasswordAsync(CliConsole console, CancellationToken cancel)
    {
        if (console.Input is null && !Console.IsInputRedirected)
        {
            console.Error.Write("Password for the new member of staff (not shown): ");
            var typed = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
                else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
            }
            console.Error.WriteLine();
            return typed.ToString();
        }
        return await (console.Input ?? Console.In).ReadLineAsync(cancel);
    }

    /// <summary>The web application's own identity set-up, without the web: passwords meet exactly the rules the site applies.</summary>
    private static ServiceProvider Services(DatabaseTarget target)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        target.AddTo(builder.Services);
        builder.AddPathwaySignIn(demo: false);
        return builder.Services.BuildServiceProvider();
    }
}
