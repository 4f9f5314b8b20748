using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Exchange;
using Pathway.Infrastructure;
using Pathway.History;
using Pathway.People;

namespace Pathway.Referrals;

/// <summary>What anyone referring someone tells us: staff at the single point of entry, or the public self-referral form.</summary>
public sealed record ReferralRequest(
    string GivenName, string FamilyName, DateOnly DateOfBirth, Sex Sex, string? NhsNumber,
    string LocalAuthorityCode, string? PostcodeDistrict, bool ConsentNationalReporting,
    DateOnly ReferralDate, ReferralSource Source, Substance Substance1, bool ChoosesYoungPeoplesService,
    ContactDetails? Contact = null);

public sealed record ReferralError(string Field, string Message);

/// <summary>The single point of entry's form as staff fill it in: everything as typed or chosen, nothing yet checked.</summary>
public sealed class StaffReferralInput
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex? Sex { get; set; }
    public string? NhsNumber { get; set; }
    /// <summary>A full postcode or just its district: the council comes from it when the area is known.</summary>
    public string? Postcode { get; set; }
    /// <summary>Chosen by name from a list, only when the postcode does not say; never pre-selected.</summary>
    public string? LocalAuthorityCode { get; set; }
    public ContactDetails Contact { get; set; } = new();
    public bool ConsentNationalReporting { get; set; }
    public DateOnly? ReferralDate { get; set; }
    public ReferralSource? Source { get; set; }
    public Substance? Substance1 { get; set; }
    public bool ChoosesYoungPeoplesService { get; set; }
}

public sealed record ReferralOutcome(Episode Episode, bool NewPerson, DateOnly? RepresentationAfter);

/// <summary>
/// The single point of entry: the one place a referral becomes records. Finds the person by their attributors
/// (or makes them), finds or makes the provider's client record, opens the episode on the right pathway, and
/// says whether it is a re-presentation.
/// </summary>
public static class ReferralIntake
{
    /// <summary>Every rule a referral must keep, each naming the field it belongs to (property names of <see cref="ReferralRequest"/>).</summary>
    public static List<ReferralError> Validate(ReferralRequest r, DateOnly today)
    {
        var errors = new List<ReferralError>();
        if (Initial(r.GivenName) is null) errors.Add(new(nameof(r.GivenName), "Enter a given name that starts with a letter A to Z"));
        if (Initial(r.FamilyName) is null) errors.Add(new(nameof(r.FamilyName), "Enter a family name that starts with a letter A to Z"));
        // The rules of the records a referral makes (ClientRules, EpisodeRules), phrased with this form's labels.
        void Check(string field, string label, string? reason)
        {
            if (reason is not null) errors.Add(new(field, RecordRules.Phrase(label, reason)));
        }
        Check(nameof(r.DateOfBirth), "Date of birth",
            RecordRules.NotFuture(r.DateOfBirth, today) ?? EpisodeRules.AgeAtReferral(Age.On(r.DateOfBirth, r.ReferralDate)));
        if (!string.IsNullOrEmpty(r.NhsNumber)) Check(nameof(r.NhsNumber), "NHS number", ClientRules.NhsNumber(r.NhsNumber));
        Check(nameof(r.LocalAuthorityCode), "Local authority code", ClientRules.LocalAuthority(r.LocalAuthorityCode ?? ""));
        if (!string.IsNullOrWhiteSpace(r.PostcodeDistrict))
            Check(nameof(r.PostcodeDistrict), "Postcode district", ClientRules.PostcodeDistrict(PostcodeDistrictOf(r.PostcodeDistrict)));
        Check(nameof(r.ReferralDate), "Referral date", RecordRules.NotFuture(r.ReferralDate, today));
        if (r.Contact is { } contact)
            errors.AddRange(ContactDetailsRules.Check(contact).Select(e => new ReferralError($"{nameof(r.Contact)}.{e.Field}", e.Message)));
        return errors;
    }

    /// <summary>
    /// The open episode this person already has at the provider, if any: a further referral while one is open would be a duplicate
    /// (the page and the FHIR endpoint both refuse it, naming the episode).
    /// </summary>
    public static Task<int?> OpenEpisodeAsync(PathwayDb db, string providerCode, ReferralRequest r, CancellationToken cancel)
    {
        var initials = InitialsOf(r.GivenName, r.FamilyName);
        return db.Episodes.AsNoTracking()
            .Where(e => e.ProviderCode == providerCode && e.DischargeDate == null
                        && e.Person.Initials == initials && e.Person.DateOfBirth == r.DateOfBirth && e.Person.Sex == r.Sex)
            .Select(e => (int?)e.Id).FirstOrDefaultAsync(cancel);
    }

    /// <summary>A postcode district as the format holds it: what was typed, trimmed, in capitals.</summary>
    private static string PostcodeDistrictOf(string typed) => typed.Trim().ToUpperInvariant();

    /// <summary>Under 18: young people's. 18 to 24: young people's if they choose it. 25 and over: adult.</summary>
    public static CarePathway PathwayFor(int ageAtReferral, bool choosesYoungPeoplesService) =>
        ageAtReferral < 18 || (ageAtReferral < 25 && choosesYoungPeoplesService) ? CarePathway.YoungPeople : CarePathway.Adult;

    public static string InitialsOf(string given, string family) => $"{Initial(given)}{Initial(family)}";

    /// <summary>
    /// A referral taken by staff at the single point of entry: every rule checked (the form's required fields, the council from the
    /// postcode or the list, <see cref="Validate"/>, no second open episode here), then the records and their audit event saved as
    /// one transaction. Saved carries the new episode's id; the fields named as in <see cref="StaffReferralInput"/>.
    /// </summary>
    public static async Task<CaseOutcome> TakeAsync(PathwayDb db, AuditTrail audit, Caseworker worker, StaffReferralInput input,
        DateOnly today, CaseActionMode mode, CancellationToken cancel)
    {
        if (worker.ProviderCode is not { } provider) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.GivenName), input.GivenName, "Enter the given name");
        messages.Required(nameof(input.FamilyName), input.FamilyName, "Enter the family name");
        messages.Required(nameof(input.DateOfBirth), input.DateOfBirth, "Enter the date of birth");
        messages.Required(nameof(input.Sex), input.Sex, "Select sex");
        var council = await CouncilAsync(db, input, messages, cancel);
        messages.Required(nameof(input.ReferralDate), input.ReferralDate, "Enter the referral date");
        messages.Required(nameof(input.Source), input.Source, "Select who made the referral");
        messages.Required(nameof(input.Substance1), input.Substance1, "Select the main problem substance");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var request = RequestOf(input, council!);
        foreach (var error in Validate(request, today)) messages.Add(error.Field, error.Message);
        // A referral while an episode is still open at this provider would be a duplicate.
        if (!messages.Any && await OpenEpisodeAsync(db, provider, request, cancel) is { } openId)
            messages.Add(nameof(input.GivenName), $"This person already has an open episode here: go to episode {openId} instead");
        if (messages.Any) return messages.Invalid();

        // The new records and their audit event are one transaction: the episode's id is known only once it is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var outcome = await ReferAsync(db, request, provider, worker, cancel);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Episode,
            outcome.Episode.Id.ToString(CultureInfo.InvariantCulture), outcome.Episode.PersonId, cancel: cancel);
        await transaction.CommitAsync(cancel);
        return new CaseOutcome.Saved(outcome.Episode.Id);
    }

    /// <summary>
    /// The council where the person lives: from the postcode's district when this deployment knows it, otherwise the one chosen
    /// by name. Null, with the reason beside the field, when neither says or they disagree.
    /// </summary>
    private static async Task<string?> CouncilAsync(PathwayDb db, StaffReferralInput input, FieldMessages messages, CancellationToken cancel)
    {
        var typed = ContactDetailsRules.Clean(input.Postcode);
        var district = typed is null ? null : PublicSite.ServiceArea.DistrictOf(typed);
        if (typed is not null && (district is null || typed.Length > 10))
        {
            messages.Add(nameof(input.Postcode), "Postcode must be a full UK postcode, like SK1 3XE, or its first part, like SK1");
            return null;
        }
        var chosen = ContactDetailsRules.Clean(input.LocalAuthorityCode);
        if (chosen is not null && !await db.LocalAuthorities.AnyAsync(l => l.Code == chosen, cancel))
        {
            messages.Add(nameof(input.LocalAuthorityCode), "Choose a council from the list");
            return null;
        }
        var derived = district is null ? null : await Organisations.Councils.OfDistrictAsync(db, district, cancel);
        if (derived is not null)
        {
            if (chosen is null || chosen == derived.Code) return derived.Code;
            messages.Add(nameof(input.LocalAuthorityCode),
                $"The postcode {district} is in {derived.Name}: choose {derived.Name}, or leave the council as 'Choose a council'");
            return null;
        }
        if (chosen is not null) return chosen;
        messages.Add(nameof(input.LocalAuthorityCode), district is null
            ? "Choose the council where the person lives, or enter their postcode"
            : $"We do not know which council the postcode {district} is in: choose the council where the person lives");
        return null;
    }

    private static ReferralRequest RequestOf(StaffReferralInput input, string council)
    {
        var typed = ContactDetailsRules.Clean(input.Postcode);
        // A full postcode is part of the address; a district alone is all the exchange format keeps anyway.
        input.Contact.Postcode = typed is null ? null : ContactDetailsRules.NormalPostcode(typed);
        return new(
            input.GivenName!.Trim(), input.FamilyName!.Trim(), input.DateOfBirth!.Value, input.Sex!.Value,
            string.IsNullOrWhiteSpace(input.NhsNumber) ? null : input.NhsNumber.Replace(" ", ""),
            council, typed is null ? null : PublicSite.ServiceArea.DistrictOf(typed), input.ConsentNationalReporting,
            input.ReferralDate!.Value, input.Source!.Value, input.Substance1!.Value, input.ChoosesYoungPeoplesService, input.Contact);
    }

    /// <summary>Makes the records and saves them, with their history. Call <see cref="Validate"/> first.</summary>
    public static async Task<ReferralOutcome> ReferAsync(PathwayDb db, ReferralRequest r, string providerCode, Caseworker who, CancellationToken cancel)
    {
        var initials = InitialsOf(r.GivenName, r.FamilyName);
        var person = await db.People.SingleOrDefaultAsync(p => p.Initials == initials && p.DateOfBirth == r.DateOfBirth && p.Sex == r.Sex, cancel);
        var newPerson = person is null;
        person ??= db.People.Add(new Person { Initials = initials, DateOfBirth = r.DateOfBirth, Sex = r.Sex }).Entity;

        // Records made in Pathway itself have the provider as their source.
        var client = newPerson ? null : await db.ClientRecords.SingleOrDefaultAsync(c => c.Source == providerCode && c.PersonId == person.Id, cancel);
        if (client is null)
        {
            client = new ClientRecord
            {
                Source = providerCode, ClientRef = await NextRefAsync(db, providerCode, 'C', cancel), Person = person,
                LocalAuthorityCode = r.LocalAuthorityCode,
            };
            db.ClientRecords.Add(client);
        }
        client.GivenName = r.GivenName.Trim();
        client.FamilyName = r.FamilyName.Trim();
        client.LocalAuthorityCode = r.LocalAuthorityCode;
        client.PostcodeDistrict = string.IsNullOrWhiteSpace(r.PostcodeDistrict) ? client.PostcodeDistrict : PostcodeDistrictOf(r.PostcodeDistrict);
        client.NhsNumber = string.IsNullOrWhiteSpace(r.NhsNumber) ? client.NhsNumber : r.NhsNumber;
        client.ConsentNationalReporting = r.ConsentNationalReporting;
        // Every client, however referred, has contact details to hold; a second referral adds to them, never blanks them.
        var contact = client.Id == 0 ? null : await db.ClientContacts.SingleOrDefaultAsync(c => c.ClientRecordId == client.Id, cancel);
        if (contact is null)
        {
            contact = new ClientContact { ClientRecord = client };
            db.ClientContacts.Add(contact);
        }
        if (r.Contact is { } details) ContactDetailsRules.Apply(details, contact, keepWhatIsNotGiven: true);

        var episode = new Episode
        {
            Source = providerCode, EpisodeRef = await NextRefAsync(db, providerCode, 'E', cancel),
            ClientRecord = client, Person = person, ProviderCode = providerCode,
            Pathway = PathwayFor(Age.On(r.DateOfBirth, r.ReferralDate), r.ChoosesYoungPeoplesService),
            ReferralDate = r.ReferralDate, ReferralSource = r.Source, Substance1 = r.Substance1,
            InjectingStatus = InjectingStatus.Declined,
        };
        db.Episodes.Add(episode);
        var representation = newPerson ? null : await Representation.EarlierCompletionAsync(
            db.Episodes.Where(e => e.ProviderCode == providerCode), person.Id, 0, r.ReferralDate, cancel);
        await ChangeHistory.CaptureAsync(db, who, person, episode, cancel);
        await db.SaveChangesAsync(cancel);
        return new ReferralOutcome(episode, newPerson, representation);
    }

    /// <summary>
    /// The next free <c>{provider}-C000123</c> / <c>-E000123</c>: one more than the highest in use. A ref made here keeps
    /// the format's ref rules like any loaded one; a provider code that cannot make one is a set-up error, not the user's.
    /// </summary>
    private static async Task<string> NextRefAsync(PathwayDb db, string provider, char kind, CancellationToken cancel)
    {
        if ((EpisodeRules.ProviderCode(provider) ?? RefRules.Check($"{provider}-{kind}000000")) is { } reason)
            throw new InvalidOperationException($"The provider code {provider} cannot start a record's ref: a ref {reason}.");
        var prefix = $"{provider}-{kind}";
        var refs = kind == 'C'
            ? await db.ClientRecords.Where(c => c.Source == provider && c.ClientRef.StartsWith(prefix)).Select(c => c.ClientRef).ToListAsync(cancel)
            : await db.Episodes.Where(e => e.Source == provider && e.EpisodeRef.StartsWith(prefix)).Select(e => e.EpisodeRef).ToListAsync(cancel);
        var highest = refs.Select(r => int.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return $"{prefix}{highest + 1:D6}";
    }

    private static char? Initial(string? name) =>
        name?.Trim() is { Length: > 0 } n && char.IsAsciiLetter(n[0]) ? char.ToUpperInvariant(n[0]) : null;
}
