using Pathway.Infrastructure;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Organisations;

namespace Pathway.Demo;

public sealed record DemoOptions(int People = 600, int Years = 3, int Seed = 2026)
{
    public static DemoOptions Default { get; } = new();
}

public sealed record DemoSignIn(string Email, string Name, string Role, string? ProviderCode, string? LocalAuthorityCode, Employment Employment,
    string? PharmacyOdsCode = null);

/// <summary>
/// A synthetic local area: two councils, an outgoing provider (OLDCO) whose contract passed to an incoming
/// one (NEWCO) part-way through, their staff, and people whose journeys cover every substance, referral
/// source and discharge reason. Nobody in it is real.
/// </summary>
public static class DemoArea
{
    /// <summary>Shared by every demo account; long enough for the password rule, and printed, so never secret.</summary>
    public const string Password = "demo-password-pathway";

    public static readonly LocalAuthority[] LocalAuthorities =
    [
        new() { Code = "E08000007", Name = "Stockport" },
        new() { Code = "E08000002", Name = "Bury" },
    ];

    /// <summary>The postcode districts of each council, as the journeys' client records use them.</summary>
    public static readonly (string Code, string[] Districts)[] PostcodeDistricts =
    [
        ("E08000007", ["SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7"]),
        ("E08000002", ["BL0", "BL8", "BL9", "M25", "M26"]),
    ];

    public static readonly Provider Outgoing = new() { Code = "OLDCO", Name = "Northway Recovery (outgoing provider)" };
    public static readonly Provider Incoming = new() { Code = "NEWCO", Name = "Harbour Recovery Partnership" };

    /// <summary>The two community pharmacies that dispense the area's prescriptions. Synthetic codes in the ODS shape.</summary>
    public static readonly (string OdsCode, string Name)[] Pharmacies =
    [
        ("FX001", "Harbour Street Pharmacy"),
        ("FX002", "Mersey Square Pharmacy"),
    ];

    public static readonly DemoSignIn[] SignIns =
    [
        new("alex.worker@demo.pathway.example", "Alex Morgan", Roles.RecoveryWorker, Incoming.Code, null, Employment.Employed),
        new("sam.manager@demo.pathway.example", "Sam Okafor", Roles.TeamManager, Incoming.Code, null, Employment.Employed),
        new("jo.mentor@demo.pathway.example", "Jo Fletcher", Roles.PeerMentor, Incoming.Code, null, Employment.Volunteer),
        new("pat.data@demo.pathway.example", "Pat Lindqvist", Roles.DataOfficer, Incoming.Code, null, Employment.Employed),
        new("chris.commissioner@demo.pathway.example", "Chris Patel", Roles.Commissioner, null, "E08000007", Employment.Employed),
        new("robin.admin@demo.pathway.example", "Robin Hale", Roles.Administrator, null, null, Employment.Employed),
        new("max.prescriber@demo.pathway.example", "Dr Max Adeyemi", Roles.Prescriber, Incoming.Code, null, Employment.Employed),
        new("jan.pharmacist@demo.pathway.example", "Jan Kowalczyk", Roles.Pharmacist, null, null, Employment.Employed, Pharmacies[0].OdsCode),
    ];

    /// <summary>
    /// Staff of the other provider and the other council: every sign-in above is "another scope" to them, so the
    /// demonstration (and the access tests) can show that one provider never sees the other's clients.
    /// </summary>
    public static readonly DemoSignIn[] OtherScopeSignIns =
    [
        new("lee.worker@northway.demo.pathway.example", "Lee Brennan", Roles.RecoveryWorker, Outgoing.Code, null, Employment.Employed),
        new("kim.manager@northway.demo.pathway.example", "Kim Ashworth", Roles.TeamManager, Outgoing.Code, null, Employment.Employed),
        new("ray.mentor@northway.demo.pathway.example", "Ray Dunne", Roles.PeerMentor, Outgoing.Code, null, Employment.Volunteer),
        new("mo.data@northway.demo.pathway.example", "Mo Qureshi", Roles.DataOfficer, Outgoing.Code, null, Employment.Employed),
        new("dana.commissioner@bury.demo.pathway.example", "Dana Shaw", Roles.Commissioner, null, "E08000002", Employment.Employed),
    ];

    public static IEnumerable<DemoSignIn> AllSignIns => SignIns.Concat(OtherScopeSignIns);

    /// <summary>Why a load into a database holding demo data is refused, in the words both `pathway load` and the records page use.</summary>
    public const string LoadRefused =
        "The database holds demonstration data, whose sign-ins have a published password: load real records into a database of their own.";

    /// <summary>
    /// Whether the database holds demonstration data. Real records are never loaded beside it (<see cref="LoadRefused"/>);
    /// it never decides demo mode, which comes from `serve --demo` alone.
    /// </summary>
    public static async Task<bool> IsPresentAsync(DatabaseTarget target, CancellationToken cancel)
    {
        await using var db = target.CreateDb();
        return await db.DemoStamps.AnyAsync(cancel);
    }

    /// <summary>`serve --demo`: fills the database only when it holds nothing yet.</summary>
    public static async Task FillIfEmptyAsync(PathwayDb db, DemoOptions options, CliConsole console, CancellationToken cancel)
    {
        if (await db.DemoStamps.AnyAsync(cancel))
        {
            console.Error.WriteLine("The database already holds demonstration data; using it as it is.");
            return;
        }
        if (await HoldsRecordsAsync(db, cancel))
            throw new DatabaseUnavailableException("The database already holds records that are not demonstration data; use an empty database for --demo.");
        await FillAsync(db, options, TimeProvider.System.Today(), console, cancel);
    }

    public static async Task<bool> HoldsRecordsAsync(PathwayDb db, CancellationToken cancel) =>
        await db.People.AnyAsync(cancel) || await db.Users.AnyAsync(cancel) || await db.Providers.AnyAsync(cancel);

    /// <summary>
    /// Fills an empty database. Everything is drawn from one seeded generator and dated relative to
    /// <paramref name="today"/>, so the same seed on the same reference date gives the same area.
    /// </summary>
    public static async Task FillAsync(PathwayDb db, DemoOptions options, DateOnly today, CliConsole console, CancellationToken cancel)
    {
        var faker = new Faker("en_GB") { Random = new Randomizer(options.Seed) };

        db.LocalAuthorities.AddRange(LocalAuthorities.Select(l => new LocalAuthority { Code = l.Code, Name = l.Name }));
        db.Providers.AddRange(new Provider { Code = Outgoing.Code, Name = Outgoing.Name }, new Provider { Code = Incoming.Code, Name = Incoming.Name });
        var teams = new[]
        {
            new Team { Name = "Stockport community team", ProviderCode = Incoming.Code },
            new Team { Name = "Bury community team", ProviderCode = Incoming.Code },
            new Team { Name = "Young people's team", ProviderCode = Incoming.Code },
            new Team { Name = "Northway community team", ProviderCode = Outgoing.Code },
        };
        db.Teams.AddRange(teams);
        db.ServicePlaces.AddRange(DemoPlaces());
        db.Pharmacies.AddRange(Pharmacies.Select(p => new Prescribing.Pharmacy { OdsCode = p.OdsCode, Name = p.Name }));
        db.PostcodeDistricts.AddRange(PostcodeDistricts.SelectMany(la => la.Districts.Select(d => new PostcodeDistrict { District = d, LocalAuthorityCode = la.Code })));
        db.DemoStamps.Add(new DemoStamp
        {
            Seed = options.Seed, People = options.People, Years = options.Years, ReferenceDate = today, CreatedAt = db.Time().GetUtcNow(),
        });
        await db.SaveChangesAsync(cancel);

        var workers = await AddStaffAsync(db, faker, teams, cancel);
        console.Error.WriteLine($"demo: {AllSignIns.Count()} sign-ins and {workers.Count - 1} other staff created");

        var journeys = new DemoJourneys(faker, options, today, workers);
        var people = 0;
        foreach (var batch in journeys.People().Chunk(250))
        {
            foreach (var person in batch) db.People.Add(person);
            await db.SaveChangesAsync(cancel);
            db.ChangeTracker.Clear();
            people += batch.Length;
            console.Error.WriteLine($"demo: {people} of {options.People} people written");
        }
        await Commissioning.DemoContracts.AddAsync(db, journeys.TransitionDate, today, cancel);
        // The contract's move, authorised as a handover, so the incoming provider's data officer can receive the cohort.
        db.Handovers.Add(new Transitions.Handover
        {
            FromProvider = Outgoing.Code, ToProvider = Incoming.Code, Date = journeys.TransitionDate, AuthorisedBy = "demo", AuthorisedAt = db.Time().GetUtcNow(),
        });
        await db.SaveChangesAsync(cancel);
        await DemoCasework.AddAsync(db, faker, today, cancel);
        await DemoContacts.AddAsync(db, options.Seed, cancel);
        await DemoRiskFlags.AddAsync(db, options.Seed, today, cancel);
        await DemoGroups.AddAsync(db, faker, today, cancel);
        await DemoDispensing.AddAsync(db, faker, today, cancel);
    }

    private static IEnumerable<PublicSite.ServicePlace> DemoPlaces()
    {
        yield return new()
        {
            Name = "Harbour Recovery Hub, Stockport", Kind = PublicSite.PlaceKind.RecoveryHub, Address = "12 Mersey Square, Stockport",
            Postcode = "SK1 1AA", LocalAuthorityCode = "E08000007", ProviderCode = Incoming.Code, OpeningTimes = "Monday to Friday, 9am to 5pm; Thursday until 7pm",
            NeedleAndSyringe = true, Phone = "0161 000 0001",
            DropIns =
            [
                new() { Day = DayOfWeek.Monday, Starts = new(10, 0), Ends = new(12, 0), Description = "Drop-in: advice and assessment, no appointment" },
                new() { Day = DayOfWeek.Thursday, Starts = new(17, 0), Ends = new(19, 0), Description = "Evening drop-in for people in work" },
                new() { Day = DayOfWeek.Tuesday, Starts = new(18, 0), Ends = new(19, 30), Description = "Carers' group: for family members and friends", ForCarers = true },
            ],
        };
        yield return new()
        {
            Name = "Harbour Recovery, Bury", Kind = PublicSite.PlaceKind.Clinic, Address = "4 Knowsley Street, Bury", Postcode = "BL9 0AA",
            LocalAuthorityCode = "E08000002", ProviderCode = Incoming.Code, OpeningTimes = "Monday to Friday, 9am to 5pm", NeedleAndSyringe = true, Phone = "0161 000 0002",
            DropIns =
            [
                new() { Day = DayOfWeek.Wednesday, Starts = new(13, 0), Ends = new(15, 0), Description = "Drop-in: harm reduction and naloxone" },
                new() { Day = DayOfWeek.Friday, Starts = new(10, 30), Ends = new(12, 0), Description = "Carers' group: for family members and friends", ForCarers = true },
            ],
        };
        yield return new()
        {
            Name = "Castle Street Pharmacy", Kind = PublicSite.PlaceKind.Pharmacy, Address = "30 Castle Street, Stockport", Postcode = "SK3 9AA",
            LocalAuthorityCode = "E08000007", ProviderCode = Incoming.Code, OpeningTimes = "Every day, 8am to 10pm", NeedleAndSyringe = true,
        };
    }

    private static async Task<List<string>> AddStaffAsync(PathwayDb db, Faker faker, Team[] teams, CancellationToken cancel)
    {
        var hasher = new PasswordHasher<StaffUser>();
        var normaliser = new UpperInvariantLookupNormalizer();
        foreach (var role in Roles.All)
            db.Roles.Add(new IdentityRole(role) { NormalizedName = normaliser.NormalizeName(role), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(cancel);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancel);

        StaffUser NewUser(string email, string name, string? provider, string? la, Employment employment, int? team) => new()
        {
            UserName = email, NormalizedUserName = normaliser.NormalizeName(email),
            Email = email, NormalizedEmail = normaliser.NormalizeEmail(email), EmailConfirmed = true,
            DisplayName = name, ProviderCode = provider, LocalAuthorityCode = la, Employment = employment, TeamId = team,
            SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
        };

        var keyWorkers = new List<string>();
        // Every demo sign-in shares the one published password, so one hash (and its salt) serves them all: hashing is
        // deliberately slow, and a demonstration area is filled often (by each test that needs one).
        string? passwordHash = null;
        foreach (var signIn in AllSignIns)
        {
            var team = signIn.ProviderCode == Incoming.Code ? teams[0].Id : signIn.ProviderCode == Outgoing.Code ? teams[3].Id : (int?)null;
            var user = NewUser(signIn.Email, signIn.Name, signIn.ProviderCode, signIn.LocalAuthorityCode, signIn.Employment, team);
            user.PasswordHash = passwordHash ??= hasher.HashPassword(user, Password);
            user.PharmacyOdsCode = signIn.PharmacyOdsCode;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[signIn.Role] });
            if (signIn.Role == Roles.RecoveryWorker && signIn.ProviderCode == Incoming.Code) keyWorkers.Add(user.Id);
        }

        // Colleagues without a sign-in, so caseloads and staff lists look like a real service.
        for (var i = 0; i < 8; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = $"{first}.{last}.{i}@demo.pathway.example".ToLowerInvariant().Replace(' ', '-').Replace('\'', '-');
            var user = NewUser(email, $"{first} {last}", Incoming.Code, null,
                i % 4 == 3 ? Employment.Agency : Employment.Employed, teams[i % 3].Id);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[Roles.RecoveryWorker] });
            keyWorkers.Add(user.Id);
        }
        await db.SaveChangesAsync(cancel);
        return keyWorkers;
    }
}
