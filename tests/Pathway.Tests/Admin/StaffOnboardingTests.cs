using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Admin;

public partial class StaffOnboardingTests
{
    private static Task<CliResult> AddAsync(TestDatabase database, string password, params string[] args) =>
        Cli.RunWithInputAsync(password + "\n", ["users", "add", "--db", database.DbArgument, .. args]);

    private static void AssertRefusedInOneSentence(CliResult result, string containing)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(containing, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Theory, DatabaseData]
    public async Task UsersAddOnAFreshDatabaseCreatesTheFirstAdministratorAndPrintsTheirId(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var result = await AddAsync(database, RealStaff.Password, "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator");

        Assert.True(result.ExitCode == 0, result.Error);
        var id = result.Out.Trim();
        await using var db = database.Open();
        var user = await db.Users.SingleAsync();
        Assert.Equal(id, user.Id);
        Assert.Equal(("a@x.example", "A Admin", (string?)null, (string?)null, false), (user.Email, user.DisplayName, user.ProviderCode, user.LocalAuthorityCode, user.TwoFactorEnabled));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<StaffUser>().VerifyHashedPassword(user, user.PasswordHash!, RealStaff.Password));
        Assert.Equal([Roles.Administrator], await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync());
        var audit = await db.AuditEvents.SingleAsync(a => a.RecordType == AuditedRecordTypes.StaffUser);
        Assert.Equal((AuditActions.Change, AuditOutcomes.Succeeded, id), (audit.Action, audit.Outcome, audit.RecordId));
        Assert.EndsWith("(command line)", audit.UserName);
    }

    [Theory, DatabaseData]
    public async Task UsersAddKeepsThePasswordRulesOfTheSite(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var tooShort = await AddAsync(database, "short-one", "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator");
        var common = await AddAsync(database, "1qaz2wsx3edc", "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator");
        var isEmail = await AddAsync(database, "someone.long@x.example", "--email", "someone.long@x.example", "--name", "A", "--role", "Administrator");
        var none = await AddAsync(database, "", "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator");

        AssertRefusedInOneSentence(tooShort, "Password must be at least 12 characters.");
        AssertRefusedInOneSentence(common, "too common");
        AssertRefusedInOneSentence(isEmail, "must not be your email address");
        AssertRefusedInOneSentence(none, "Enter a password");
        await using var db = database.Open();
        Assert.False(await db.Users.AnyAsync());
    }

    [Theory, DatabaseData]
    public async Task AProviderRoleCannotBeAddedUntilProvidersExistAndTheSentenceSaysSo(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var result = await AddAsync(database, RealStaff.Password, "--email", "w@x.example", "--name", "A Worker", "--role", "RecoveryWorker", "--provider", "NEWCO");

        AssertRefusedInOneSentence(result, "there are no providers yet");
    }

    [Theory, DatabaseData]
    public async Task AProviderRoleNeedsAKnownProviderAndIsToldTheKnownOnes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "NEWCO", "Harbour Recovery Partnership");
        await RealStaff.AddProviderAsync(database, "OLDCO", "Northway Recovery");

        var unknown = await AddAsync(database, RealStaff.Password, "--email", "w@x.example", "--name", "A Worker", "--role", "RecoveryWorker", "--provider", "NOPE");
        var missing = await AddAsync(database, RealStaff.Password, "--email", "w@x.example", "--name", "A Worker", "--role", "RecoveryWorker");
        var added = await AddAsync(database, RealStaff.Password, "--email", "w@x.example", "--name", "A Worker", "--role", "RecoveryWorker", "--provider", "newco");

        AssertRefusedInOneSentence(unknown, "There is no provider NOPE: choose one of NEWCO, OLDCO.");
        AssertRefusedInOneSentence(missing, "Choose the provider a recovery worker works for: one of NEWCO, OLDCO.");
        Assert.True(added.ExitCode == 0, added.Error);
        await using var db = database.Open();
        Assert.Equal("NEWCO", (await db.Users.SingleAsync()).ProviderCode);
    }

    [Theory, DatabaseData]
    public async Task ACommissionerNeedsACouncilAndAnAdministratorNeitherCouncilNorProvider(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddLocalAuthorityAsync(database, "E08000007", "Stockport");
        await RealStaff.AddProviderAsync(database, "NEWCO", "Harbour Recovery Partnership");

        var noCouncil = await AddAsync(database, RealStaff.Password, "--email", "c@x.example", "--name", "A Commissioner", "--role", "Commissioner");
        var commissioner = await AddAsync(database, RealStaff.Password, "--email", "c@x.example", "--name", "A Commissioner", "--role", "Commissioner",
            "--local-authority", "E08000007");
        var adminOfProvider = await AddAsync(database, RealStaff.Password, "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator",
            "--provider", "NEWCO");
        var unknownRole = await AddAsync(database, RealStaff.Password, "--email", "a@x.example", "--name", "A Admin", "--role", "Superuser");
        var twice = await AddAsync(database, RealStaff.Password, "--email", "C@x.example", "--name", "Again", "--role", "Commissioner",
            "--local-authority", "E08000007");

        AssertRefusedInOneSentence(noCouncil, "Choose the council a commissioner works for: one of E08000007.");
        Assert.True(commissioner.ExitCode == 0, commissioner.Error);
        AssertRefusedInOneSentence(adminOfProvider, "An administrator works for no provider");
        AssertRefusedInOneSentence(unknownRole, "Choose a role: one of RecoveryWorker, TeamManager, PeerMentor, DataOfficer, Commissioner, Administrator, Prescriber, Pharmacist.");
        AssertRefusedInOneSentence(twice, "Someone already signs in with this email address.");
        await using var db = database.Open();
        Assert.Equal("E08000007", (await db.Users.SingleAsync()).LocalAuthorityCode);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("users", "add", "--name", "A Admin", "--role", "Administrator")]
    [InlineData("users", "add", "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator", "--password", "secret-in-argv")]
    public async Task UsageErrorsOfUsersExitWithTwo(params string[] args)
    {
        var result = await Cli.RunWithInputAsync(RealStaff.Password + "\n", args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error.Trim());
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory, DatabaseData]
    public async Task UsersListShowsOneLinePerMemberOfStaffAndIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "NEWCO", "Harbour Recovery Partnership");
        var admin = await RealStaff.AddAsync(database, "a@x.example", Roles.Administrator);
        var worker = await RealStaff.AddAsync(database, "w@x.example", Roles.RecoveryWorker, provider: "NEWCO");

        var result = await Cli.RunAsync("users", "list", "--db", database.DbArgument);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
        [
            $"{admin}\ta@x.example\tAdministrator\t-\tyes\tno",
            $"{worker}\tw@x.example\tRecoveryWorker\tNEWCO\tyes\tno",
        ], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await using var db = database.Open();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.View && a.RecordType == AuditedRecordTypes.StaffUser));
    }

    [GeneratedRegex("<code class=\"pathway-key\" id=\"initial-password\">([a-z0-9-]+)</code>")]
    private static partial Regex InitialPassword();

    [Theory, DatabaseData]
    public async Task AnAdministratorAddsARecoveryWorkerWhoSignsInWithTheShownPasswordAndMustSetUpTwoFactor(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "NEWCO", "Harbour Recovery Partnership");
        await RealStaff.AddAsync(database, "a@x.example", Roles.Administrator);
        await using var site = await RealStaff.StartSiteAsync(database);
        using var admin = await RealStaff.SignInAsync(site, "a@x.example");

        var added = await TestSite.PostFormAsync(admin, "/admin/users/new", "/admin/users/new", new()
        {
            ["Input.Name"] = "Wren Worker", ["Input.Email"] = "wren@provider.example", ["Input.Role"] = Roles.RecoveryWorker,
            ["Input.Provider"] = "NEWCO", ["Input.LocalAuthority"] = "", ["Input.Team"] = "",
        });
        var page = await added.Content.ReadAsStringAsync();
        var password = InitialPassword().Match(page).Groups[1].Value;
        var list = await admin.GetStringAsync("/admin/users");

        Assert.Contains("Account created", page);
        Assert.True(password.Length >= PasswordRules.MinimumLength, page);
        Assert.Contains("wren@provider.example", list);
        using var wren = site.NewClient();
        var signIn = await TestSite.SignInAsync(wren, "wren@provider.example", password);
        Assert.Equal("/account/two-factor", signIn.Headers.Location?.OriginalString);
        Assert.Contains("status=403", (await wren.GetAsync("/")).Headers.Location?.ToString());
        await using var db = database.Open();
        var user = await db.Users.SingleAsync(u => u.Email == "wren@provider.example");
        Assert.Equal("NEWCO", user.ProviderCode);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.RecordType == AuditedRecordTypes.StaffUser && a.RecordId == user.Id && a.UserName == "a@x.example"));
    }

    [Theory, DatabaseData]
    public async Task TheAddStaffPageShowsEveryProblemInTheErrorSummaryInFieldOrder(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddAsync(database, "a@x.example", Roles.Administrator);
        await using var site = await RealStaff.StartSiteAsync(database);
        using var admin = await RealStaff.SignInAsync(site, "a@x.example");

        var response = await TestSite.PostFormAsync(admin, "/admin/users/new", "/admin/users/new", new()
        {
            ["Input.Name"] = "", ["Input.Email"] = "not an email", ["Input.Role"] = Roles.PeerMentor,
        });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: Add a member of staff", page);
        Assert.Contains("There is a problem", page);
        var name = page.IndexOf("<a href=\"#Input_Name\">Enter the person&#x27;s name</a>", StringComparison.Ordinal);
        var email = page.IndexOf("<a href=\"#Input_Email\">Enter an email address in the correct format", StringComparison.Ordinal);
        var provider = page.IndexOf("<a href=\"#Input_Provider\">A peer mentor works for a provider, and there are no providers yet", StringComparison.Ordinal);
        Assert.True(name >= 0 && name < email && email < provider, page);
        await using var db = database.Open();
        Assert.Equal(1, await db.Users.CountAsync());
    }
}
