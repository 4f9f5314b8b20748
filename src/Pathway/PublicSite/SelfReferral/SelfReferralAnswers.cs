using System.Text.Json.Serialization;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.PublicSite.SelfReferral;

/// <summary>What the person has told us so far. Only the postcode district is kept, never the full postcode.</summary>
public sealed class SelfReferralAnswers
{
    // Every answer has a length limit, checked on the server and matched by the columns.
    public const int NameLength = 50;
    public const int PhoneLength = 20;
    public const int EmailLength = 120;
    public const int ShortText = 200;
    public const int LongText = 500;

    public static readonly string[] Steps = ["about-you", "help", "contact", "consent", "check"];

    /// <summary>What someone may want help with, in plain words, and the substance each means for the exchange format.</summary>
    public static readonly IReadOnlyList<(string Code, string Text, Substance? Substance)> HelpChoices =
    [
        ("alcohol", "Alcohol", Substance.Alcohol),
        ("opioids", "Heroin, methadone or other opioids", Substance.Heroin),
        ("crack-cocaine", "Crack or cocaine", Substance.Crack),
        ("cannabis", "Cannabis", Substance.Cannabis),
        ("other-drugs", "Other drugs", Substance.OtherDrug),
        ("prescribed", "Medicines prescribed to me", Substance.PrescribedMedicine),
        ("over-the-counter", "Medicines bought from a pharmacy or shop", Substance.OtcMedicine),
        ("someone-else", "Someone else's drinking or drug use", null),
    ];

    public static readonly IReadOnlyList<(string Code, string Text)> ContactChoices =
        [("Phone", "Phone call"), ("Text", "Text message"), ("Email", "Email")];

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex? Sex { get; set; }
    public string? District { get; set; }
    public string? HelpWith { get; set; }
    public string? MoreDetail { get; set; }
    public bool ChoosesYoungPeoplesService { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? ContactBy { get; set; }
    public bool? VoicemailOk { get; set; }
    public bool? TextOk { get; set; }
    public string? SafeTimes { get; set; }
    public string? SafeContactNote { get; set; }
    public bool ConsentContact { get; set; }
    public bool ConsentNationalReporting { get; set; }

    // From the alcohol check, when they came that way: answers as points, re-scored by Audit/AuditC.
    public string? AuditCAnswers { get; set; }
    public string? AuditAnswers { get; set; }

    [JsonIgnore] public bool AboutYouDone => GivenName is not null && FamilyName is not null && DateOfBirth is not null && Sex is not null && District is not null;
    [JsonIgnore] public bool HelpDone => HelpWith is not null && HelpWith != "someone-else";
    [JsonIgnore] public bool ContactDone => ContactBy is not null;
    [JsonIgnore] public bool ConsentDone => ConsentContact;

    /// <summary>The first step not yet answered; "check" when all are.</summary>
    public string NextStep() =>
        !AboutYouDone ? "about-you" : !HelpDone ? "help" : !ContactDone ? "contact" : !ConsentDone ? "consent" : "check";

    public int? AgeOn(DateOnly day) => DateOfBirth is { } dob ? Age.On(dob, day) : null;

    /// <summary>18 to 24 may choose the young people's service (ReferralIntake.PathwayFor).</summary>
    public bool MayChooseYoungPeoples(DateOnly today) => AgeOn(today) is >= 18 and < 25;

    [JsonIgnore] public string HelpText => HelpChoices.FirstOrDefault(c => c.Code == HelpWith).Text ?? "";
    [JsonIgnore] public Substance Substance => HelpChoices.First(c => c.Code == HelpWith).Substance ?? Substance.OtherDrug;
}
