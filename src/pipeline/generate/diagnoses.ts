/**
 * Why people come and what the doctor writes down: for each specialty, the reasons patients give (the same
 * words as the app's booking reasons) and the ICD-10-CM FY2026 codes that fit each reason, with the code's
 * official description and the price of the work-up it usually needs (tests, imaging) in BRL cents.
 * A curated subset: every code is a billable FY2026 code (diagnoses.test.ts checks them against the CMS file).
 */
import type { Eligibility } from './profiles.ts';

export interface Diagnosis extends Eligibility {
  /** Dotted form, as clinicians and FHIR write ICD-10-CM codes (`E11.9`). */
  readonly code: string;
  readonly description: string;
  /** Price of the diagnosis-specific work-up, added to the consultation fee; always > 0. */
  readonly feeCents: number;
}

export interface Reason extends Eligibility {
  readonly text: string;
  readonly diagnoses: readonly Diagnosis[];
}

const dx = (code: string, description: string, fee: number, rule: Eligibility = {}): Diagnosis => ({
  code,
  description,
  feeCents: Math.round(fee * 100),
  ...rule,
});

const reason = (text: string, diagnoses: readonly Diagnosis[], rule: Eligibility = {}): Reason => ({
  text,
  diagnoses,
  ...rule,
});

const ADULT = { minAge: 18 } as const;
const OVER_40 = { minAge: 40 } as const;
const OVER_60 = { minAge: 60 } as const;

const I10 = dx('I10', 'Essential (primary) hypertension', 25, { requires: 'hypertension' });
const E119 = dx('E11.9', 'Type 2 diabetes mellitus without complications', 45, { requires: 'diabetes' });
const E1165 = dx('E11.65', 'Type 2 diabetes mellitus with hyperglycemia', 45, { requires: 'diabetes' });
const J069 = dx('J06.9', 'Acute upper respiratory infection, unspecified', 10);
const J209 = dx('J20.9', 'Acute bronchitis, unspecified', 10);
const R519 = dx('R51.9', 'Headache, unspecified', 10);
const G44209 = dx('G44.209', 'Tension-type headache, unspecified, not intractable', 10);
const R0602 = dx('R06.02', 'Shortness of breath', 80);
const I509 = dx('I50.9', 'Heart failure, unspecified', 250, OVER_40);
const M5450 = dx('M54.50', 'Low back pain, unspecified', 10);
const J45909 = dx('J45.909', 'Unspecified asthma, uncomplicated', 30);
const J449 = dx('J44.9', 'Chronic obstructive pulmonary disease, unspecified', 80, OVER_40);
const R7303 = dx('R73.03', 'Prediabetes', 30, { without: 'diabetes' });
const H5213 = dx('H52.13', 'Myopia, bilateral', 60);

/** Chronic conditions written as secondary diagnoses when the visit touches them. */
export const CHRONIC = {
  hypertension: I10,
  diabetes: E119,
  alcoholism: dx('F10.20', 'Alcohol dependence, uncomplicated', 30),
} as const;

export const REASONS: Readonly<Record<string, readonly Reason[]>> = {
  'General Practice': [
    reason(
      'Routine check-up',
      [
        dx('Z00.00', 'Encounter for general adult medical examination without abnormal findings', 90),
        dx('Z00.01', 'Encounter for general adult medical examination with abnormal findings', 90),
      ],
      ADULT,
    ),
    reason('Fever and sore throat', [dx('J02.9', 'Acute pharyngitis, unspecified', 35), J069]),
    reason('Persistent cough', [J209, dx('R05.1', 'Acute cough', 10)]),
    reason('Headache', [R519, G44209]),
    reason(
      'Tiredness all the time',
      [dx('R53.83', 'Other fatigue', 60), dx('D64.9', 'Anemia, unspecified', 60)],
      {
        minAge: 12,
      },
    ),
    reason('Back pain', [M5450, dx('M54.2', 'Cervicalgia', 10)], { minAge: 12 }),
    reason(
      'Blood pressure check',
      [
        I10,
        dx('Z01.30', 'Encounter for examination of blood pressure without abnormal findings', 10, {
          without: 'hypertension',
        }),
      ],
      ADULT,
    ),
  ],
  Cardiology: [
    reason('Chest pain', [
      dx('R07.9', 'Chest pain, unspecified', 90),
      dx('I20.9', 'Angina pectoris, unspecified', 180),
    ]),
    reason('Palpitations', [
      dx('R00.2', 'Palpitations', 90),
      dx('I48.91', 'Unspecified atrial fibrillation', 150),
    ]),
    reason('Short of breath when walking', [R0602, I509]),
    reason(
      'High blood pressure follow-up',
      [I10, dx('I11.9', 'Hypertensive heart disease without heart failure', 250)],
      { requires: 'hypertension' },
    ),
    reason('Swollen ankles', [dx('R60.0', 'Localized edema', 40), I509]),
  ],
  Dermatology: [
    reason('Itchy rash', [
      dx('L30.9', 'Dermatitis, unspecified', 10),
      dx('L50.9', 'Urticaria, unspecified', 10),
    ]),
    reason(
      'A mole that changed',
      [
        dx('D22.9', 'Melanocytic nevi, unspecified', 80),
        dx('D48.5', 'Neoplasm of uncertain behavior of skin', 220),
      ],
      ADULT,
    ),
    reason('Acne', [dx('L70.0', 'Acne vulgaris', 10)], { minAge: 12, maxAge: 39 }),
    reason('Hair loss', [
      dx('L65.9', 'Nonscarring hair loss, unspecified', 40),
      dx('L63.9', 'Alopecia areata, unspecified', 40),
    ]),
    reason('Eczema flare-up', [dx('L20.9', 'Atopic dermatitis, unspecified', 10)]),
  ],
  Pediatrics: [
    reason('Child with fever', [dx('R50.9', 'Fever, unspecified', 10), J069]),
    reason('Ear pain', [
      dx('H66.90', 'Otitis media, unspecified, unspecified ear', 10),
      dx('H92.09', 'Otalgia, unspecified ear', 10),
    ]),
    reason('Vaccination visit', [dx('Z23', 'Encounter for immunization', 45)], { maxAge: 11 }),
    reason('Child with a cough', [J209, J45909]),
    reason('Growth check-up', [
      dx('Z00.129', 'Encounter for routine child health examination without abnormal findings', 20),
    ]),
  ],
  Orthopedics: [
    reason('Knee pain', [
      dx('M25.569', 'Pain in unspecified knee', 120),
      dx('M17.9', 'Osteoarthritis of knee, unspecified', 120, OVER_40),
    ]),
    reason('Lower back pain', [
      M5450,
      dx('M51.26', 'Other intervertebral disc displacement, lumbar region', 300),
    ]),
    reason('Sprained ankle', [
      dx('S93.401A', 'Sprain of unspecified ligament of right ankle, initial encounter', 120),
      dx('S93.402A', 'Sprain of unspecified ligament of left ankle, initial encounter', 120),
    ]),
    reason('Shoulder pain', [
      dx('M25.519', 'Pain in unspecified shoulder', 150),
      dx(
        'M75.100',
        'Unspecified rotator cuff tear or rupture of unspecified shoulder, not specified as traumatic',
        150,
        OVER_40,
      ),
    ]),
    reason('Hip pain', [
      dx('M25.559', 'Pain in unspecified hip', 120),
      dx('M16.9', 'Osteoarthritis of hip, unspecified', 120, OVER_40),
    ]),
  ],
  Gynecology: [
    reason(
      'Routine gynecological exam',
      [
        dx(
          'Z01.419',
          'Encounter for gynecological examination (general) (routine) without abnormal findings',
          60,
        ),
      ],
      ADULT,
    ),
    reason('Pelvic pain', [
      dx('R10.20', 'Pelvic and perineal pain unspecified side', 180),
      dx('N94.6', 'Dysmenorrhea, unspecified', 10),
    ]),
    reason('Irregular periods', [dx('N92.6', 'Irregular menstruation, unspecified', 180)], { maxAge: 59 }),
    reason(
      'Prenatal visit',
      [
        dx(
          'Z34.90',
          'Encounter for supervision of normal pregnancy, unspecified, unspecified trimester',
          120,
        ),
      ],
      { minAge: 18, maxAge: 39 },
    ),
    reason('Menopause symptoms', [dx('N95.1', 'Menopausal and female climacteric states', 60)], {
      minAge: 40,
      maxAge: 74,
    }),
  ],
  Neurology: [
    reason('Recurring headaches', [G44209, R519]),
    reason('Migraine', [
      dx('G43.909', 'Migraine, unspecified, not intractable, without status migrainosus', 10),
    ]),
    reason('Dizziness', [
      dx('R42', 'Dizziness and giddiness', 10),
      dx('H81.10', 'Benign paroxysmal vertigo, unspecified ear', 10),
    ]),
    reason('Numbness in the hands', [
      dx('G56.00', 'Carpal tunnel syndrome, unspecified upper limb', 200),
      dx('R20.2', 'Paresthesia of skin', 10),
    ]),
    reason(
      'Memory problems',
      [dx('R41.3', 'Other amnesia', 10), dx('G30.9', "Alzheimer's disease, unspecified", 300)],
      OVER_60,
    ),
  ],
  Psychiatry: [
    reason('Anxiety', [
      dx('F41.1', 'Generalized anxiety disorder', 10),
      dx('F41.9', 'Anxiety disorder, unspecified', 10),
    ]),
    reason('Feeling low', [
      dx('F32.A', 'Depression, unspecified', 10),
      dx('F32.9', 'Major depressive disorder, single episode, unspecified', 10),
    ]),
    reason('Trouble sleeping', [
      dx('G47.00', 'Insomnia, unspecified', 10),
      dx('F51.01', 'Primary insomnia', 10),
    ]),
    reason('Panic attacks', [dx('F41.0', 'Panic disorder [episodic paroxysmal anxiety]', 10)]),
    reason(
      'Medication review',
      [
        dx('F33.1', 'Major depressive disorder, recurrent, moderate', 10),
        dx('F31.9', 'Bipolar disorder, unspecified', 10),
      ],
      ADULT,
    ),
  ],
  Endocrinology: [
    reason('Diabetes follow-up', [E119, E1165], { requires: 'diabetes' }),
    reason('Thyroid check', [
      dx('E03.9', 'Hypothyroidism, unspecified', 50),
      dx('E05.90', 'Thyrotoxicosis, unspecified without thyrotoxic crisis or storm', 50),
    ]),
    reason('Weight gain', [dx('E66.9', 'Obesity, unspecified', 50)]),
    reason('Always thirsty', [dx('R63.1', 'Polydipsia', 30), R7303, E1165]),
    reason('High blood sugar', [
      dx('R73.9', 'Hyperglycemia, unspecified', 30, { without: 'diabetes' }),
      R7303,
      E1165,
    ]),
  ],
  Gastroenterology: [
    reason('Stomach pain', [
      dx('R10.9', 'Unspecified abdominal pain', 10),
      dx('K29.70', 'Gastritis, unspecified, without bleeding', 250),
    ]),
    reason('Heartburn', [
      dx('K21.9', 'Gastro-esophageal reflux disease without esophagitis', 250),
      dx('R12', 'Heartburn', 10),
    ]),
    reason('Diarrhoea', [
      dx('A09', 'Infectious gastroenteritis and colitis, unspecified', 30),
      dx('R19.7', 'Diarrhea, unspecified', 10),
    ]),
    reason('Constipation', [dx('K59.00', 'Constipation, unspecified', 10)]),
    reason('Bloating', [
      dx('R14.0', 'Abdominal distension (gaseous)', 10),
      dx('K58.9', 'Irritable bowel syndrome, unspecified', 10),
    ]),
  ],
  Pulmonology: [
    reason('Shortness of breath', [R0602, J449]),
    reason('Asthma follow-up', [J45909, dx('J45.40', 'Moderate persistent asthma, uncomplicated', 80)]),
    reason('Cough that will not go away', [dx('R05.3', 'Chronic cough', 100), J449]),
    reason('Wheezing', [dx('R06.2', 'Wheezing', 80)]),
    reason('Snoring', [
      dx('R06.83', 'Snoring', 10),
      dx('G47.33', 'Obstructive sleep apnea (adult) (pediatric)', 350),
    ]),
  ],
  Ophthalmology: [
    reason('Blurred vision', [
      dx('H53.8', 'Other visual disturbances', 60),
      H5213,
      dx('H25.9', 'Unspecified age-related cataract', 60, OVER_60),
    ]),
    reason('Red eyes', [dx('H10.9', 'Unspecified conjunctivitis', 10)]),
    reason('Eye pain', [dx('H57.10', 'Ocular pain, unspecified eye', 60)]),
    reason('New glasses prescription', [H5213, dx('H52.4', 'Presbyopia', 60, OVER_40)]),
    reason('Itchy eyes', [
      dx('H10.13', 'Acute atopic conjunctivitis, bilateral', 10),
      dx('H10.45', 'Other chronic allergic conjunctivitis', 10),
    ]),
  ],
};
