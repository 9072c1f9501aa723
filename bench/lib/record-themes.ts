// What a mental-health parliament talks about, as data: each theme has a topic, ways to name
// it in a title, what a motion asks of commissioners, why, and what members say from lived
// experience. Themes differ a lot in how often they come up (the weight), so searches range
// from words in a third of the record to words in a handful of motions.

export interface Theme {
  topic: string;
  weight: number;
  titles: string[];
  asks: string[];
  reasons: string[];
  experiences: string[];
}

export const themes: Theme[] = [
  {
    topic: "peer support",
    weight: 10,
    titles: ["Fund peer support workers in every community team", "Peer support groups need secure funding", "Paid peer support roles, not volunteers only", "A peer support worker at every discharge"],
    asks: ["fund at least one paid peer support worker in every community mental health team", "give peer support groups three-year grants instead of yearly bids", "pay peer support workers at the same band as support workers", "offer every person leaving hospital a peer support worker for eight weeks"],
    reasons: ["Peer support reduces readmissions and people trust someone who has been there.", "Peer-led groups keep closing because their funding is renewed one year at a time.", "Volunteers carry work that should be paid, and they burn out."],
    experiences: ["My peer support worker was the first person who did not look at me as a diagnosis.", "Our peer group meets in a church hall and we never know if it will still be funded next spring.", "I trained as a peer supporter and waited two years for a paid post."],
  },
  {
    topic: "crisis care",
    weight: 9,
    titles: ["A crisis café open every night", "Crisis care that answers the phone", "Alternatives to A&E in a mental health crisis", "A crisis line staffed through the night"],
    asks: ["open a crisis café every evening from six until two in the morning", "make sure the crisis line is answered within five minutes, day and night", "fund a crisis house as an alternative to hospital admission", "publish crisis line answer times every month"],
    reasons: ["People in crisis wait hours in A&E, which is the worst place to be when you are frightened.", "The crisis line often rings out at night, exactly when people need it.", "A calm space with people who understand prevents many admissions."],
    experiences: ["I sat in A&E for fourteen hours waiting for the crisis team.", "When I rang the crisis line at 3am nobody answered, and I will not ring again.", "The crisis café in the next town saved my life more than once."],
  },
  {
    topic: "waiting lists",
    weight: 9,
    titles: ["Support while people are on the waiting list", "Publish waiting times for talking therapies", "No one waits more than 18 weeks for therapy", "Check in with people waiting for assessment"],
    asks: ["contact everyone on a waiting list at least once a month", "publish waiting times for each service every quarter", "offer group support while people wait for one-to-one therapy", "set a maximum wait of eighteen weeks for psychological therapy"],
    reasons: ["People wait more than a year for therapy and hear nothing in the meantime.", "Waiting lists hide how many people are going without help.", "Many people get worse while they wait and end up in crisis."],
    experiences: ["I was on the waiting list for fourteen months and nobody called me once.", "By the time my therapy started I had lost my job.", "The letter said the wait was 'around six months'. It was nearly two years."],
  },
  {
    topic: "carers",
    weight: 8,
    titles: ["Respite breaks for unpaid carers", "Carers' assessments that lead to support", "Involve carers in care planning", "A carers' champion in every ward"],
    asks: ["offer every unpaid carer a carers' assessment within four weeks", "fund respite breaks for carers of people with severe mental illness", "involve carers in discharge planning when the person agrees", "train a carers' champion on every inpatient ward"],
    reasons: ["Carers save the system millions but are often shut out of decisions.", "Carers' assessments are done and then nothing happens.", "Young carers miss school because nobody asks who is looking after whom."],
    experiences: ["I have cared for my son for eleven years and have had one break.", "The ward would not tell me anything, then discharged my wife with no plan.", "My carers' assessment was a tick box and a leaflet."],
  },
  {
    topic: "housing",
    weight: 8,
    titles: ["Housing support before discharge from hospital", "Supported housing for people leaving hospital", "Stop discharges into homelessness", "Mental health workers in housing teams"],
    asks: ["agree a housing plan before anyone is discharged from a mental health ward", "fund more supported housing places with mental health support", "place a mental health worker in the council housing options team", "stop discharges to bed and breakfast accommodation"],
    reasons: ["People stay on wards for weeks because there is nowhere safe to go.", "Being discharged to a hostel undoes the work of the admission.", "Housing officers are not trained to recognise a mental health crisis."],
    experiences: ["I was discharged to a hostel where I knew nobody and relapsed within a month.", "My friend spent three extra months on the ward waiting for a flat.", "The housing office told me to come back when I was 'more stable'."],
  },
  {
    topic: "pets",
    weight: 3,
    titles: ["Count pets as part of a person's circle of support", "Ask about pets in every assessment", "Pet care during hospital admissions", "Let people keep their pets in supported housing"],
    asks: ["ask about pets in every needs assessment and care plan", "fund an emergency pet care scheme for people admitted to hospital", "allow pets in supported housing wherever it is safe", "count a pet as part of the person's support network"],
    reasons: ["Many people delay going into hospital because nobody will look after their dog or cat.", "For some people their pet is the main reason they get up in the morning.", "Losing a pet during an admission can be a lasting trauma."],
    experiences: ["My cat is the reason I am still here, and no assessment has ever asked about her.", "I refused admission because I had nobody to feed my dog.", "When I came home from the ward my rabbit had been rehomed."],
  },
  {
    topic: "co-production",
    weight: 7,
    titles: ["Build co-production into every mental health contract", "Equal places for lived experience on the commissioning board", "Pay people for their lived experience expertise", "Co-produce the new community services"],
    asks: ["write co-production requirements into every new mental health contract", "give people with lived experience two equal places on the commissioning board", "pay people with lived experience for their time at the same rate as other experts", "co-produce the specification for the new community services"],
    reasons: ["Co-production is promised in every strategy but rarely happens in practice.", "Decisions about services are still made without the people who use them.", "Unpaid involvement means only those who can afford it take part."],
    experiences: ["I was invited to a co-production meeting after the decision had been made.", "We spent a year co-designing a service and the contract ignored all of it.", "Being paid for my time made me feel like an equal for the first time."],
  },
  {
    topic: "contracts",
    weight: 6,
    titles: ["Publish every mental health contract and its outcomes", "Longer contracts for community organisations", "Social value in mental health contracts", "Stop short-term contracts for voluntary sector services"],
    asks: ["publish every mental health contract with its outcome measures", "offer community organisations contracts of at least five years", "score social value and lived experience in every procurement", "give ninety days' notice before ending any contract"],
    reasons: ["Short contracts mean services close just as people come to trust them.", "Nobody can see what was promised in a contract or whether it was delivered.", "Small local charities lose out to large providers in procurement."],
    experiences: ["The service I used closed after eighteen months when the contract ended.", "My group lost its funding with four weeks' notice.", "We asked to see the contract and were told it was commercially confidential."],
  },
  {
    topic: "talking therapies",
    weight: 6,
    titles: ["More than six sessions of talking therapy", "Therapy in languages other than English", "Evening and weekend therapy appointments", "Choice of therapist and approach"],
    asks: ["offer more than six sessions when the person and therapist agree it is needed", "provide therapy in the five most spoken community languages", "offer evening and weekend appointments for people who work", "let people choose between face-to-face, phone and video sessions"],
    reasons: ["Six sessions is not enough for people with complex trauma.", "People who do not speak English well are offered nothing that works for them.", "Daytime-only appointments exclude people in work."],
    experiences: ["I had six sessions and was discharged just as I started to open up.", "My mother was offered therapy with an interpreter she did not trust.", "I could only get appointments at 11am on a Tuesday."],
  },
  {
    topic: "inpatient care",
    weight: 6,
    titles: ["End out-of-area placements", "Ward rounds that include the patient", "Safe and therapeutic wards", "Reduce restraint on mental health wards"],
    asks: ["end out-of-area placements except where the person chooses one", "publish the use of restraint on each ward every quarter", "make sure every patient can attend and speak at their ward round", "fund daily therapeutic activities on every ward"],
    reasons: ["Out-of-area placements cut people off from family and friends.", "Restraint is used far more on some wards than others, and on some groups more than others.", "Patients describe wards as boring and frightening."],
    experiences: ["I was sent 200 miles away and my children could not visit.", "I was restrained face down and nobody explained why.", "There was nothing to do on the ward for six weeks except watch television."],
  },
  {
    topic: "young people",
    weight: 5,
    titles: ["Smooth transition from children's to adult services", "Mental health support in every school", "Support for young people up to 25", "Student mental health and the NHS"],
    asks: ["start transition planning at 17 and keep the same worker until 25 if wanted", "place a mental health practitioner in every secondary school", "extend young people's services up to the age of 25", "agree a joint plan with the university for student mental health"],
    reasons: ["Young people fall through the gap at 18 and many disengage completely.", "Schools see distress first but cannot refer anywhere quickly.", "Adult services feel frightening and impersonal to a young person."],
    experiences: ["On my eighteenth birthday I lost my worker and got a letter.", "My daughter waited two years for CAMHS and was then too old.", "At university I could not get a GP appointment for weeks."],
  },
  {
    topic: "racial equity",
    weight: 4,
    titles: ["Act on racial disparities in Mental Health Act detentions", "Culturally appropriate services", "Community-led support for Black men's mental health", "Interpreters at every assessment"],
    asks: ["publish Mental Health Act detention rates by ethnicity every year", "fund community-led services for Black and minority ethnic communities", "provide a professional interpreter at every assessment where needed", "train all staff in culturally appropriate care, co-delivered by community groups"],
    reasons: ["Black people are detained under the Mental Health Act far more often than white people.", "Many communities do not trust services that have not listened to them.", "Family members should never have to interpret in a mental health assessment."],
    experiences: ["The first time I met mental health services was with the police.", "My son interpreted for me at my own assessment.", "Our community group does the work and gets none of the money."],
  },
  {
    topic: "physical health",
    weight: 4,
    titles: ["Annual physical health checks for people with severe mental illness", "Medication reviews that listen", "Dental care for people on psychiatric medication", "Exercise and green space on prescription"],
    asks: ["offer every person with severe mental illness an annual physical health check", "review antipsychotic medication at least once a year with the person", "fund access to dental care for people whose medication affects their teeth", "offer exercise and green space activities through social prescribing"],
    reasons: ["People with severe mental illness die fifteen to twenty years earlier than others.", "Side effects of medication are too often dismissed.", "Physical and mental health are treated as if they were separate."],
    experiences: ["Nobody checked my weight or blood pressure in six years on clozapine.", "My medication review lasted five minutes and nothing changed.", "The allotment project did more for me than any tablet."],
  },
  {
    topic: "employment",
    weight: 4,
    titles: ["Employment support alongside treatment", "Individual placement and support for everyone who wants it", "Benefits advice in mental health teams", "Fair assessments for benefits"],
    asks: ["fund individual placement and support for everyone in secondary care who wants to work", "place a welfare benefits adviser in every community mental health team", "write supportive evidence for benefits assessments within two weeks", "offer employment support in the community, not only in clinics"],
    reasons: ["Most people with mental illness want to work but few get support to do it.", "Benefits assessments cause huge anxiety and sometimes crisis.", "Money worries make mental health worse."],
    experiences: ["The benefits assessment made me feel like a liar.", "My employment specialist helped me keep my job through a bad patch.", "I waited three months for a letter from my psychiatrist for my appeal."],
  },
  {
    topic: "digital inclusion",
    weight: 3,
    titles: ["Keep face-to-face appointments for those who need them", "Free devices and data for people using mental health services", "Digital skills support", "Do not make online forms the only way in"],
    asks: ["keep face-to-face and telephone options for every service", "fund devices and data for people who cannot afford them", "offer digital skills sessions in community venues", "accept referrals by phone and in person as well as online"],
    reasons: ["Many people cannot use video calls or do not have the data to do so.", "Online-only services exclude older people and people in poverty.", "Some people find video calls distressing."],
    experiences: ["I do not have a smartphone and was told to book online.", "My video appointment kept freezing and I gave up.", "The library computer is the only one I can use, and it closes at five."],
  },
  {
    topic: "advocacy",
    weight: 3,
    titles: ["Independent advocacy for everyone who wants it", "Advocacy for informal patients", "Easy-read information about rights", "Advocacy in community settings"],
    asks: ["fund independent mental health advocacy for informal patients as well as detained patients", "provide easy-read and Makaton versions of rights information", "make advocacy available in community settings, not only on wards", "tell every person about advocacy at their first appointment"],
    reasons: ["People do not know their rights and nobody explains them.", "Advocates make sure people are heard in decisions about their care.", "People with learning disabilities need information in formats they can use."],
    experiences: ["My advocate was the only person who read my notes before the tribunal.", "Nobody told me I could have an advocate until I was discharged.", "The rights leaflet was eight pages of small print."],
  },
  {
    topic: "suicide prevention",
    weight: 4,
    titles: ["Follow-up within 72 hours of discharge", "Support after bereavement by suicide", "Safe spaces on the bridge and at the station", "Suicide prevention training for frontline staff"],
    asks: ["contact everyone within 72 hours of discharge from a mental health ward", "fund a bereaved-by-suicide support service", "work with transport operators on safety at the station and the bridge", "train all frontline council staff in suicide prevention"],
    reasons: ["The days after discharge are a time of very high risk.", "People bereaved by suicide are themselves at higher risk.", "Many people in distress are seen by staff who have had no training."],
    experiences: ["Nobody called me after I left the ward, and I nearly did not make it.", "After my brother died we were given a leaflet and nothing else.", "A railway worker talked to me for an hour on the worst night of my life."],
  },
  {
    topic: "community services",
    weight: 5,
    titles: ["One named worker in the community team", "Drop-in community mental health hubs", "Evening opening for community services", "Community support in rural areas"],
    asks: ["give everyone in the community team one named worker they can contact", "open drop-in hubs in the three largest towns", "keep community services open until eight in the evening twice a week", "fund transport to appointments for people in rural villages"],
    reasons: ["People have to tell their story again every time they see someone new.", "Services close at five, but distress does not.", "In rural areas the nearest service can be two buses away."],
    experiences: ["I have had seven care coordinators in three years.", "The bus to the clinic runs twice a day and the appointment is at nine.", "The hub in town is the one place I can just turn up."],
  },
  {
    topic: "trauma-informed care",
    weight: 3,
    titles: ["Trauma-informed care across all services", "Ask what happened, not what is wrong", "Women-only spaces on wards", "Support for survivors of domestic abuse"],
    asks: ["train all staff in trauma-informed practice, co-delivered by survivors", "offer women-only lounges and bathrooms on every mixed ward", "ask about trauma and domestic abuse sensitively at assessment", "fund specialist support for survivors of abuse with mental illness"],
    reasons: ["Many people using mental health services have survived trauma.", "Services can re-traumatise people without meaning to.", "Women report feeling unsafe on mixed wards."],
    experiences: ["Being held down on the ward brought back everything that happened to me as a child.", "Nobody asked what had happened to me until my fourth admission.", "I could not sleep on a mixed ward."],
  },
  {
    topic: "autism and neurodiversity",
    weight: 3,
    titles: ["Reasonable adjustments for autistic people", "Shorter waits for autism and ADHD assessment", "Quiet waiting areas", "Neurodiversity training for mental health staff"],
    asks: ["offer quiet waiting areas and written appointment information", "publish waiting times for adult autism and ADHD assessment", "train mental health staff in supporting autistic people, co-delivered by autistic trainers", "make reasonable adjustments part of every care plan"],
    reasons: ["Autistic people are often misdiagnosed or turned away.", "Bright, noisy waiting rooms make appointments impossible for some people.", "Waits for ADHD assessment run to several years."],
    experiences: ["The waiting room was so loud I walked out before my name was called.", "I have been on the ADHD waiting list for four years.", "Nobody told me what would happen at the appointment, so I could not go."],
  },
  {
    topic: "substance use",
    weight: 3,
    titles: ["Joint care for mental health and substance use", "No wrong door for people with dual diagnosis", "Reach people with multiple needs where they are", "Outreach for people sleeping rough"],
    asks: ["agree joint care plans between mental health and drug and alcohol services", "stop refusing mental health care to people who are still drinking or using", "fund outreach workers who meet people where they are", "create a single team for people with multiple needs"],
    reasons: ["People are bounced between services that each say the other should go first.", "People with multiple needs are the least likely to get any help.", "Outreach reaches people who never come to a clinic."],
    experiences: ["I was told to stop drinking before they would treat my depression.", "The outreach worker found me in the park and kept coming back.", "Each service said the other one should help me first."],
  },
  {
    topic: "perinatal",
    weight: 2,
    titles: ["Perinatal mental health support for fathers too", "A mother and baby unit closer to home", "Check on mental health at every antenatal visit", "Peer support for new parents"],
    asks: ["extend perinatal mental health support to partners and fathers", "commission mother and baby unit beds within an hour's travel", "ask about mental health at every antenatal and postnatal visit", "fund peer support groups for new parents"],
    reasons: ["The nearest mother and baby unit is far away.", "Fathers' mental health after a birth is ignored.", "Many parents hide how they feel for fear of losing their baby."],
    experiences: ["I was afraid to tell the health visitor how I felt in case they took my baby.", "The mother and baby unit was three hours away.", "Nobody asked my partner how he was coping."],
  },
  {
    topic: "police and justice",
    weight: 2,
    titles: ["Mental health nurses in the police control room", "No one held in a police cell under section 136", "Support in court for people with mental illness", "Liaison and diversion at every custody suite"],
    asks: ["fund mental health nurses in the police control room around the clock", "provide a health-based place of safety so no one is held in a cell", "offer liaison and diversion workers in every custody suite", "support people with mental illness through court hearings"],
    reasons: ["Police are often the first responders to a mental health crisis.", "A police cell is no place for someone in crisis.", "People with mental illness are over-represented in the justice system."],
    experiences: ["I spent a night in a police cell because the place of safety was full.", "The officer who came was kind, but he was not a nurse.", "In court nobody knew I was unwell."],
  },
  {
    topic: "older people",
    weight: 2,
    titles: ["Mental health support for older people living alone", "Dementia and depression are different", "Reduce loneliness among older people", "Home visits for people who cannot travel"],
    asks: ["offer home visits to older people who cannot travel to appointments", "fund befriending schemes for older people living alone", "make sure depression in older people is not dismissed as ageing", "train home care staff to notice mental distress"],
    reasons: ["Loneliness in later life is a major cause of depression.", "Older people's depression is too often put down to age.", "Many older people cannot reach clinics."],
    experiences: ["My father's depression was called 'just getting old'.", "The befriender who visits on Thursdays is the only person I see.", "I cannot manage the bus to the clinic any more."],
  },
  {
    topic: "arts and nature",
    weight: 2,
    titles: ["Arts on prescription", "Green space and gardening projects", "Community allotments for wellbeing", "Fund creative groups run by members"],
    asks: ["fund arts on prescription through social prescribing link workers", "support community gardening and allotment projects for wellbeing", "give small grants to creative groups run by people with lived experience", "open the hospital grounds for gardening and walking groups"],
    reasons: ["Creative and outdoor activities help recovery and cost little.", "Groups run by members keep going when formal services end.", "Time outdoors helps sleep, mood and confidence."],
    experiences: ["The gardening group got me out of the house when nothing else could.", "Painting with others gave me a reason to talk.", "Our allotment has a waiting list of its own now, and a resident hedgehog."],
  },
];

export const bodyDefs = [
  { slug: "riverside-icb", name: "Riverside Integrated Care Board", period: 56 },
  { slug: "riverside-council-adult-social-care", name: "Riverside Council Adult Social Care", period: 42 },
  { slug: "riverside-council-housing", name: "Riverside Council Housing Services", period: 42 },
  { slug: "riverside-council-public-health", name: "Riverside Council Public Health", period: 56 },
  { slug: "eastfield-council", name: "Eastfield District Council", period: 42 },
  { slug: "northmoor-council", name: "Northmoor Borough Council", period: 56 },
  { slug: "riverside-mental-health-trust", name: "Riverside and Northmoor Mental Health Trust", period: 56 },
  { slug: "riverside-childrens-services", name: "Riverside Children's Services", period: 56 },
  { slug: "police-and-crime-commissioner", name: "Office of the Police and Crime Commissioner", period: 56 },
  { slug: "riverside-university", name: "Riverside University Student Services", period: 28 },
  { slug: "regional-transport-authority", name: "Regional Transport Authority", period: 56 },
  { slug: "department-for-work-and-pensions-partnership", name: "Jobcentre Plus Riverside Partnership", period: 56 },
];

/** Which body a theme's motions are usually addressed to (indexes into bodyDefs). */
export const themeBodies: Record<string, number[]> = {
  housing: [2, 1, 4, 5],
  "young people": [7, 0, 9],
  "police and justice": [8, 0],
  employment: [11, 1],
  "digital inclusion": [1, 10, 0],
  "older people": [1, 3, 0],
  "suicide prevention": [3, 0, 10],
  "arts and nature": [3, 1],
  carers: [1, 0, 4, 5],
};
