using System.ComponentModel.DataAnnotations;

namespace Pathway.People;

// The demographic items of the national drug and alcohol treatment data set (NDTMS), as staff ask them.
// Each member is stored as its snake_case code (Codes<T>); its [Display] name is what a page shows.

/// <summary>Ethnic group: the 2021 census categories for England, with "Not stated" for someone who chose not to say.</summary>
public enum Ethnicity
{
    [Display(Name = "White: English, Welsh, Scottish, Northern Irish or British")] WhiteBritish,
    [Display(Name = "White: Irish")] WhiteIrish,
    [Display(Name = "White: Gypsy or Irish Traveller")] WhiteGypsyOrIrishTraveller,
    [Display(Name = "White: Roma")] WhiteRoma,
    [Display(Name = "White: any other White background")] WhiteOther,
    [Display(Name = "Mixed: White and Black Caribbean")] MixedWhiteAndBlackCaribbean,
    [Display(Name = "Mixed: White and Black African")] MixedWhiteAndBlackAfrican,
    [Display(Name = "Mixed: White and Asian")] MixedWhiteAndAsian,
    [Display(Name = "Mixed: any other mixed or multiple background")] MixedOther,
    [Display(Name = "Asian or Asian British: Indian")] AsianIndian,
    [Display(Name = "Asian or Asian British: Pakistani")] AsianPakistani,
    [Display(Name = "Asian or Asian British: Bangladeshi")] AsianBangladeshi,
    [Display(Name = "Asian or Asian British: Chinese")] AsianChinese,
    [Display(Name = "Asian or Asian British: any other Asian background")] AsianOther,
    [Display(Name = "Black, Black British, Caribbean or African: Caribbean")] BlackCaribbean,
    [Display(Name = "Black, Black British, Caribbean or African: African")] BlackAfrican,
    [Display(Name = "Black, Black British, Caribbean or African: any other Black background")] BlackOther,
    [Display(Name = "Other ethnic group: Arab")] Arab,
    [Display(Name = "Other ethnic group: any other ethnic group")] OtherEthnicGroup,
    [Display(Name = "Not stated")] NotStated,
}

public enum SexualOrientation
{
    [Display(Name = "Heterosexual or straight")] Heterosexual,
    [Display(Name = "Gay or lesbian")] GayOrLesbian,
    [Display(Name = "Bisexual")] Bisexual,
    [Display(Name = "Other sexual orientation")] Other,
    [Display(Name = "Not sure")] NotSure,
    [Display(Name = "Not stated")] NotStated,
}

public enum Religion
{
    [Display(Name = "No religion")] NoReligion,
    [Display(Name = "Baha'i")] Bahai,
    [Display(Name = "Buddhist")] Buddhist,
    [Display(Name = "Christian")] Christian,
    [Display(Name = "Hindu")] Hindu,
    [Display(Name = "Jain")] Jain,
    [Display(Name = "Jewish")] Jewish,
    [Display(Name = "Muslim")] Muslim,
    [Display(Name = "Pagan")] Pagan,
    [Display(Name = "Sikh")] Sikh,
    [Display(Name = "Zoroastrian")] Zoroastrian,
    [Display(Name = "Another religion or belief")] Other,
    [Display(Name = "Not stated")] NotStated,
}

/// <summary>Yes, no, or the person chose not to say: disability, parental responsibility.</summary>
public enum YesNoNotStated
{
    [Display(Name = "Yes")] Yes,
    [Display(Name = "No")] No,
    [Display(Name = "Not stated")] NotStated,
}

/// <summary>The kind of disability the data set records, when the person has said they have one.</summary>
public enum DisabilityType
{
    [Display(Name = "Behaviour and emotional")] BehaviourAndEmotional,
    [Display(Name = "Hearing")] Hearing,
    [Display(Name = "Manual dexterity")] ManualDexterity,
    [Display(Name = "Learning disability")] LearningDisability,
    [Display(Name = "Mobility and gross motor")] Mobility,
    [Display(Name = "Perception of physical danger")] PerceptionOfDanger,
    [Display(Name = "Personal, self-care and continence")] PersonalCare,
    [Display(Name = "Progressive conditions and physical health")] ProgressiveCondition,
    [Display(Name = "Sight")] Sight,
    [Display(Name = "Speech")] Speech,
    [Display(Name = "Other")] Other,
}

public enum Pregnancy
{
    [Display(Name = "Yes")] Yes,
    [Display(Name = "No")] No,
    [Display(Name = "Not known")] NotKnown,
    [Display(Name = "Not applicable")] NotApplicable,
}

/// <summary>How the person wants to be contacted: the self-referral's choices, and a letter.</summary>
public enum ContactMethod
{
    [Display(Name = "Phone call")] Phone,
    [Display(Name = "Text message")] Text,
    [Display(Name = "Email")] Email,
    [Display(Name = "Letter")] Letter,
}
