using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Pathway.Infrastructure;

namespace Pathway.People;

/// <summary>
/// Contact details and demographics as a form (or the self-referral) gives them: text as typed, choices as enums.
/// <see cref="ContactDetailsRules.Check"/> says what is wrong with them; <see cref="ContactDetailsRules.Apply"/> writes them to a
/// <see cref="ClientContact"/>. Property names are the fields' names, so errors land beside the right field.
/// </summary>
public sealed class ContactDetails
{
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public ContactMethod? ContactBy { get; set; }
    public bool? VoicemailOk { get; set; }
    public bool? TextOk { get; set; }
    public string? SafeTimes { get; set; }
    public string? SafeContactNote { get; set; }
    public string? GpPractice { get; set; }
    public string? GpOdsCode { get; set; }
    public string? NextOfKinName { get; set; }
    public string? NextOfKinRelationship { get; set; }
    public string? NextOfKinPhone { get; set; }
    public Ethnicity? Ethnicity { get; set; }
    public SexualOrientation? SexualOrientation { get; set; }
    public Religion? Religion { get; set; }
    public YesNoNotStated? Disability { get; set; }
    public DisabilityType? DisabilityType { get; set; }
    public Pregnancy? Pregnant { get; set; }
    public YesNoNotStated? ParentalResponsibility { get; set; }
    /// <summary>As typed, so "two" gets a sentence rather than a binder's message.</summary>
    public string? ChildrenLivingWith { get; set; }

    public static ContactDetails Of(ClientContact c) => new()
    {
        AddressLine1 = c.AddressLine1, AddressLine2 = c.AddressLine2, Town = c.Town, Postcode = c.Postcode, Phone = c.Phone, Email = c.Email,
        ContactBy = c.ContactBy, VoicemailOk = c.VoicemailOk, TextOk = c.TextOk, SafeTimes = c.SafeTimes, SafeContactNote = c.SafeContactNote,
        GpPractice = c.GpPractice, GpOdsCode = c.GpOdsCode,
        NextOfKinName = c.NextOfKinName, NextOfKinRelationship = c.NextOfKinRelationship, NextOfKinPhone = c.NextOfKinPhone,
        Ethnicity = c.Ethnicity, SexualOrientation = c.SexualOrientation, Religion = c.Religion, Disability = c.Disability,
        DisabilityType = c.DisabilityType, Pregnant = c.Pregnant, ParentalResponsibility = c.ParentalResponsibility,
        ChildrenLivingWith = c.ChildrenLivingWith?.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed record ContactDetailsError(string Field, string Message);

/// <summary>The rules of contact details, once: for the contact page, the staff referral form and the self-referral.</summary>
public static partial class ContactDetailsRules
{
    public const int AddressLength = 100;
    public const int TownLength = 60;
    public const int PhoneLength = 20;
    public const int EmailLength = 120;
    public const int NameLength = 100;
    public const int RelationshipLength = 50;
    public const int ShortText = 200;
    public const int LongText = 500;
    public static readonly WholeNumbers Children = new(0, 20);

    public const string NotPostcode = "must be a full UK postcode, like SK1 3XE";
    public const string NotPhone = "must be a phone number of 10 to 13 digits, like 07700 900982";
    public const string NotEmail = "must be an email address, like name@example.com";
    public const string NotOdsCode = "must be a letter and 5 digits, like P88001";

    /// <summary>Each field's label, as the forms show it and the messages name it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(ContactDetails.AddressLine1)] = "Address line 1",
        [nameof(ContactDetails.AddressLine2)] = "Address line 2",
        [nameof(ContactDetails.Town)] = "Town or city",
        [nameof(ContactDetails.Postcode)] = "Postcode",
        [nameof(ContactDetails.Phone)] = "Phone number",
        [nameof(ContactDetails.Email)] = "Email address",
        [nameof(ContactDetails.ContactBy)] = "How to contact them",
        [nameof(ContactDetails.VoicemailOk)] = "Voicemail",
        [nameof(ContactDetails.TextOk)] = "Text messages",
        [nameof(ContactDetails.SafeTimes)] = "Safe times to contact",
        [nameof(ContactDetails.SafeContactNote)] = "Anything else about contacting them safely",
        [nameof(ContactDetails.GpPractice)] = "GP practice",
        [nameof(ContactDetails.GpOdsCode)] = "GP practice code",
        [nameof(ContactDetails.NextOfKinName)] = "Next of kin's name",
        [nameof(ContactDetails.NextOfKinRelationship)] = "Relationship",
        [nameof(ContactDetails.NextOfKinPhone)] = "Next of kin's phone number",
        [nameof(ContactDetails.Ethnicity)] = "Ethnic group",
        [nameof(ContactDetails.SexualOrientation)] = "Sexual orientation",
        [nameof(ContactDetails.Religion)] = "Religion or belief",
        [nameof(ContactDetails.Disability)] = "Disability",
        [nameof(ContactDetails.DisabilityType)] = "Type of disability",
        [nameof(ContactDetails.Pregnant)] = "Pregnant",
        [nameof(ContactDetails.ParentalResponsibility)] = "Parental responsibility for a child under 18",
        [nameof(ContactDetails.ChildrenLivingWith)] = "Children living with them",
    };

    public static string Label(string field) => Labels[field];

    /// <summary>A full postcode in its usual form ("sk13xe" → "SK1 3XE"); null if it is not one.</summary>
    public static string? NormalPostcode(string typed)
    {
        var compact = typed.Replace(" ", "").ToUpperInvariant();
        return FullPostcode().IsMatch(compact) ? $"{compact[..^3]} {compact[^3..]}" : null;
    }

    public static string? Postcode(string typed) => NormalPostcode(typed) is null ? NotPostcode : null;

    public static string? Phone(string typed) =>
        typed.Count(char.IsAsciiDigit) is < 10 or > 13 || typed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '(' or ')' or '-')) ? NotPhone : null;

    public static string? Email(string typed) =>
        MailAddress.TryCreate(typed, out var parsed) && parsed.Address == typed && typed.Contains('.') && !typed.Contains(' ') ? null : NotEmail;

    public static string? OdsCode(string typed) => OdsPattern().IsMatch(typed.ToUpperInvariant()) ? null : NotOdsCode;

    public static string? Length(string value, int max) =>
        value.Length > max ? string.Create(CultureInfo.InvariantCulture, $"must be {max:N0} characters or fewer (this one has {value.Length:N0})") : null;

    /// <summary>Every rule the details break, in the order the contact page shows its fields.</summary>
    public static List<ContactDetailsError> Check(ContactDetails d)
    {
        var errors = new List<ContactDetailsError>();
        void Rule(string field, string? reason)
        {
            if (reason is not null && errors.All(e => e.Field != field)) errors.Add(new(field, RecordRules.Phrase(Label(field), reason)));
        }
        void Text(string field, string? value, int max, Func<string, string?>? format = null)
        {
            if (Clean(value) is not { } v) return;
            Rule(field, Length(v, max) ?? format?.Invoke(v));
        }
        Text(nameof(d.AddressLine1), d.AddressLine1, AddressLength);
        Text(nameof(d.AddressLine2), d.AddressLine2, AddressLength);
        Text(nameof(d.Town), d.Town, TownLength);
        Text(nameof(d.Postcode), d.Postcode, 10, Postcode);
        Text(nameof(d.Phone), d.Phone, PhoneLength, Phone);
        Text(nameof(d.Email), d.Email, EmailLength, Email);
        // Wishes that contradict the details or each other are refused with the reason, not guessed at.
        if (d.ContactBy is ContactMethod.Phone or ContactMethod.Text && Clean(d.Phone) is null)
            Rule(nameof(d.Phone), "must be given to contact them by phone or text");
        if (d.ContactBy is ContactMethod.Email && Clean(d.Email) is null)
            Rule(nameof(d.Email), "must be given to contact them by email");
        if (d.ContactBy is ContactMethod.Letter && Clean(d.AddressLine1) is null)
            Rule(nameof(d.AddressLine1), "must be given to contact them by letter");
        if (d.ContactBy is ContactMethod.Text && d.TextOk is false)
            Rule(nameof(d.TextOk), "cannot be 'No' when they asked to be contacted by text message");
        Text(nameof(d.SafeTimes), d.SafeTimes, ShortText);
        Text(nameof(d.SafeContactNote), d.SafeContactNote, LongText);
        Text(nameof(d.GpPractice), d.GpPractice, NameLength);
        Text(nameof(d.GpOdsCode), d.GpOdsCode, 6, OdsCode);
        Text(nameof(d.NextOfKinName), d.NextOfKinName, NameLength);
        Text(nameof(d.NextOfKinRelationship), d.NextOfKinRelationship, RelationshipLength);
        Text(nameof(d.NextOfKinPhone), d.NextOfKinPhone, PhoneLength, Phone);
        if (d.DisabilityType is not null && d.Disability is not YesNoNotStated.Yes)
            Rule(nameof(d.DisabilityType), "can only be given when they have a disability: select 'Yes' for disability, or 'No type given'");
        if (Clean(d.ChildrenLivingWith) is { } children)
            Rule(nameof(d.ChildrenLivingWith),
                int.TryParse(children, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? ContactDetailsRules.Children.Check(n) : ContactDetailsRules.Children.Reason);
        return errors;
    }

    /// <summary>
    /// Writes checked details to the record. With <paramref name="keepWhatIsNotGiven"/> (a new referral for someone known)
    /// a blank field leaves what is held; otherwise (the contact page) a blank field clears it.
    /// </summary>
    public static void Apply(ContactDetails d, ClientContact c, bool keepWhatIsNotGiven = false)
    {
        string? Text(string? value, string? held) => Clean(value) ?? (keepWhatIsNotGiven ? held : null);
        T? Choice<T>(T? value, T? held) where T : struct => value ?? (keepWhatIsNotGiven ? held : null);
        c.AddressLine1 = Text(d.AddressLine1, c.AddressLine1);
        c.AddressLine2 = Text(d.AddressLine2, c.AddressLine2);
        c.Town = Text(d.Town, c.Town);
        c.Postcode = Text(Clean(d.Postcode) is { } p ? NormalPostcode(p) : null, c.Postcode);
        c.Phone = Text(d.Phone, c.Phone);
        c.Email = Text(d.Email, c.Email);
        c.ContactBy = Choice(d.ContactBy, c.ContactBy);
        c.VoicemailOk = Choice(d.VoicemailOk, c.VoicemailOk);
        c.TextOk = Choice(d.TextOk, c.TextOk);
        c.SafeTimes = Text(d.SafeTimes, c.SafeTimes);
        c.SafeContactNote = Text(d.SafeContactNote, c.SafeContactNote);
        c.GpPractice = Text(d.GpPractice, c.GpPractice);
        c.GpOdsCode = Text(d.GpOdsCode?.ToUpperInvariant(), c.GpOdsCode);
        c.NextOfKinName = Text(d.NextOfKinName, c.NextOfKinName);
        c.NextOfKinRelationship = Text(d.NextOfKinRelationship, c.NextOfKinRelationship);
        c.NextOfKinPhone = Text(d.NextOfKinPhone, c.NextOfKinPhone);
        c.Ethnicity = Choice(d.Ethnicity, c.Ethnicity);
        c.SexualOrientation = Choice(d.SexualOrientation, c.SexualOrientation);
        c.Religion = Choice(d.Religion, c.Religion);
        c.Disability = Choice(d.Disability, c.Disability);
        c.DisabilityType = c.Disability is YesNoNotStated.Yes ? Choice(d.DisabilityType, c.DisabilityType) : null;
        c.Pregnant = Choice(d.Pregnant, c.Pregnant);
        c.ParentalResponsibility = Choice(d.ParentalResponsibility, c.ParentalResponsibility);
        c.ChildrenLivingWith = Clean(d.ChildrenLivingWith) is { } n ? int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)
            : keepWhatIsNotGiven ? c.ChildrenLivingWith : null;
    }

    /// <summary>Trimmed, or null when nothing but spaces was typed.</summary>
    public static string? Clean(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$")]
    private static partial Regex FullPostcode();
    [GeneratedRegex("^[A-Z][0-9]{5}$")]
    private static partial Regex OdsPattern();
}
