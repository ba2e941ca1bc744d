"""A deterministic synthetic employer: the demo data, written as the files an HR analyst really receives.

Everything is drawn from one `random.Random(seed)` consumed in a fixed order, so the same seed gives
byte-identical files. The story is planted on purpose (see sample_data/README.md): data teams learn a lot
and cover their role requirements, the security team lacks cloud security, three critical skills are held
by one or two people, and people who completed certifications are promoted more and leave less.

`write_sample_files` writes the checked-in demo (`python -m etl demo` loads it through the ordinary
upload path); `build_sample_org(employees=100_000)` feeds the benchmarks. Generation is linear in people.
"""

from __future__ import annotations

import csv
import gc
import heapq
import math
import random
import unicodedata
from bisect import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SNAPSHOT_2025 = date(2025, 6, 30)
SNAPSHOT_2026 = date(2026, 6, 30)
DEFAULT_TODAY = date(2026, 11, 1)
EMAIL_DOMAIN = "skillgrid-demo.example"
MIN_EMPLOYEES = 60

LEARNING_EPOCH = date(2020, 1, 1)  # no learning history is older than this
FIRST_HIRE = date(2012, 1, 9)

CATALOGUE_FILE = "program_catalogue.csv"
ROLES_FILE = "role_requirements.csv"
ROSTER_2025_FILE = f"roster_{SNAPSHOT_2025.isoformat()}.csv"
ROSTER_2026_FILE = f"roster_{SNAPSHOT_2026.isoformat()}.csv"
CREDLY_FILE = "credly_badges.csv"
COURSES_FILE = "course_completions.csv"
TUITION_FILE = "tuition_records.csv"

CATALOGUE_HEADERS = ("Program", "Provider", "Program Type", "Cost", "Hours", "Validity Months", "Skills")
ROLES_HEADERS = ("Role", "Skill", "Required Level", "Importance")
ROSTER_HEADERS = (
    "Employee ID", "Full Name", "Work Email", "Department", "Team", "Job Title", "Manager ID", "Location",
    "Hire Date", "Termination Date",
)  # fmt: skip
CREDLY_HEADERS = (
    "Badge Name", "Badge Template ID", "Issued by", "Earner Badge ID", "Issuer Earner ID",
    "Issued to First Name", "Issued to Last Name", "Issued to Email", "Status", "Expired", "Issue Date",
    "Expiration Date",
)  # fmt: skip
COURSES_HEADERS = (
    "Employee ID", "Email", "Course Title", "Provider", "Program Type", "Status", "Start Date",
    "Completion Date", "Expiry Date", "Cost", "Hours", "Skills",
)  # fmt: skip
TUITION_HEADERS = (
    "Employee ID", "Program", "Institution", "Program Type", "Outcome", "Start Date", "End Date", "Cost",
    "Hours",
)  # fmt: skip

PROGRAM_TYPES = ("micro_credential", "certification", "traditional_course", "degree")

# ---------------------------------------------------------------------------------------------------------
# The catalogue. Channel says which file an attempt lands in: credly (badges), lms (course completions) or
# tuition (tuition assistance). Skills are "Skill:level" items.
# ---------------------------------------------------------------------------------------------------------

MICRO, CERT, COURSE, DEGREE = PROGRAM_TYPES
CREDLY, LMS, TUITION = "credly", "lms", "tuition"
ACADEMY = "Internal Academy"

# (name, provider, type, cost, hours, validity months or None, skills, channel)
_CATALOGUE: tuple[tuple[str, str, str, float, float, int | None, str, str], ...] = (
    # --- vendor certifications and badges, issued through Credly ---
    ("AWS Certified Cloud Practitioner", "Amazon Web Services", CERT, 150, 20, 36, "AWS:2; Cloud Architecture:1", CREDLY),
    ("AWS Certified Solutions Architect – Associate", "Amazon Web Services", CERT, 300, 80, 36, "AWS:3; Cloud Architecture:3; Networking:2", CREDLY),
    ("AWS Certified Solutions Architect – Professional", "Amazon Web Services", CERT, 450, 150, 36, "AWS:5; Cloud Architecture:5", CREDLY),
    ("AWS Certified Data Engineer – Associate", "Amazon Web Services", CERT, 300, 70, 36, "AWS:3; Data Engineering:3; SQL:3", CREDLY),
    ("AWS Certified Security – Specialty", "Amazon Web Services", CERT, 450, 120, 36, "AWS:4; Cloud Security:4; Identity and Access Management:3", CREDLY),
    ("AWS Knowledge: Cloud Essentials", "Amazon Web Services", MICRO, 0, 6, None, "AWS:1", CREDLY),
    ("AWS Knowledge: Serverless", "Amazon Web Services", MICRO, 0, 8, None, "Serverless:2; AWS:1", CREDLY),
    ("Microsoft Certified: Azure Fundamentals", "Microsoft", CERT, 165, 20, None, "Azure:2; Cloud Architecture:1", CREDLY),
    ("Microsoft Certified: Azure Administrator Associate", "Microsoft", CERT, 165, 70, 24, "Azure:3; Networking:2; Identity and Access Management:2", CREDLY),
    ("Microsoft Certified: Azure Security Engineer Associate", "Microsoft", CERT, 165, 90, 24, "Azure:3; Cloud Security:3; Identity and Access Management:3", CREDLY),
    ("Microsoft Certified: Power BI Data Analyst Associate", "Microsoft", CERT, 165, 50, 24, "Power BI:4; Data Visualisation:3; Data Modelling:2", CREDLY),
    ("Microsoft Certified: Security, Compliance, and Identity Fundamentals", "Microsoft", CERT, 165, 20, None, "Security Fundamentals:2; Identity and Access Management:1; Data Privacy:1", CREDLY),
    ("Google Cloud Certified Professional Data Engineer", "Google Cloud", CERT, 200, 90, 24, "Google Cloud:3; Data Engineering:4; Spark:2; Data Modelling:3", CREDLY),
    ("Certified Kubernetes Administrator (CKA)", "The Linux Foundation", CERT, 395, 80, 24, "Kubernetes:4; Linux:3; Docker:2", CREDLY),
    ("Certified Kubernetes Application Developer (CKAD)", "The Linux Foundation", CERT, 395, 60, 24, "Kubernetes:3; Docker:3", CREDLY),
    ("Certified Kubernetes Security Specialist (CKS)", "The Linux Foundation", CERT, 395, 90, 24, "Kubernetes Security:4; Kubernetes:4; Cloud Security:3", CREDLY),
    ("HashiCorp Certified: Terraform Associate", "HashiCorp", CERT, 150, 30, 24, "Terraform:3; Cloud Architecture:1", CREDLY),
    ("GitHub Foundations", "GitHub", CERT, 150, 15, 36, "Git:3; CI/CD:1", CREDLY),
    ("CompTIA Security+ ce Certification", "CompTIA", CERT, 392, 80, 36, "Security Fundamentals:3; Network Security:3; Vulnerability Management:2; Cryptography:2", CREDLY),
    ("CompTIA CySA+ ce Certification", "CompTIA", CERT, 392, 90, 36, "Security Operations:4; Incident Response:3; Vulnerability Management:3", CREDLY),
    ("ISC2 Certified Information Systems Security Professional (CISSP)", "ISC2", CERT, 749, 150, 36, "Security Operations:4; Risk Management:4; Identity and Access Management:3; Cryptography:3; Network Security:4", CREDLY),
    ("ISC2 Certified Cloud Security Professional (CCSP)", "ISC2", CERT, 599, 120, 36, "Cloud Security:5; Cloud Architecture:3; Data Privacy:3", CREDLY),
    ("ISACA Certified Information Systems Auditor (CISA)", "ISACA", CERT, 760, 120, 36, "Audit:4; Risk Management:3; ISO 27001:2", CREDLY),
    ("IAPP Certified Information Privacy Professional/Europe (CIPP/E)", "IAPP", CERT, 550, 60, 24, "GDPR:4; Data Privacy:4", CREDLY),
    ("PMI Project Management Professional (PMP)", "Project Management Institute", CERT, 575, 120, 36, "Project Management:5; Stakeholder Management:3; Risk Management:2", CREDLY),
    ("Professional Scrum Master I (PSM I)", "Scrum.org", CERT, 200, 20, None, "Scrum:3; Agile:3; Facilitation:2", CREDLY),
    ("Tableau Desktop Specialist", "Tableau", CERT, 150, 30, None, "Tableau:3; Data Visualisation:2", CREDLY),
    ("Databricks Certified Data Engineer Associate", "Databricks", CERT, 200, 40, 24, "Spark:3; Data Engineering:3; SQL:3", CREDLY),
    ("Databricks Certified Machine Learning Associate", "Databricks", CERT, 200, 40, 24, "Spark:2; Machine Learning:3; MLOps:3", CREDLY),
    ("SnowPro Core Certification", "Snowflake", CERT, 175, 40, 24, "Data Warehousing:3; SQL:3", CREDLY),
    ("IBM Data Science Foundations - Level 1", "IBM", MICRO, 0, 12, None, "Statistics:1; Python:1; Machine Learning:1", CREDLY),
    ("IBM Enterprise Design Thinking Practitioner", "IBM", MICRO, 0, 3, None, "UX Research:2; Facilitation:1", CREDLY),
    ("Internal Academy: Data Literacy Foundations", ACADEMY, MICRO, 0, 6, 24, "SQL:1; Data Visualisation:1; Statistics:1", CREDLY),
    ("Internal Academy: Leading Teams", ACADEMY, MICRO, 150, 24, None, "People Management:3; Coaching:2; Performance Management:2", CREDLY),
    ("Internal Academy: Cloud Security Champion", ACADEMY, MICRO, 250, 20, 24, "Cloud Security:3; AWS:2", CREDLY),
    ("Internal Academy: Customer Success Fundamentals", ACADEMY, MICRO, 0, 8, None, "Customer Success:3; Account Management:2", CREDLY),
    ("Internal Academy: Inclusive Hiring", ACADEMY, MICRO, 0, 4, 24, "Interviewing:3; Recruiting:2", CREDLY),
    ("Internal Academy: Threat Modelling Practitioner", ACADEMY, MICRO, 0, 16, 24, "Threat Modelling:3; Security Fundamentals:2", CREDLY),
    ("Internal Academy: SOX Controls Owner", ACADEMY, MICRO, 0, 10, 24, "SOX Compliance:3; Audit:2", CREDLY),
    # --- MOOC certificates, recorded by the LMS ---
    ("Google Data Analytics Professional Certificate", "Coursera", MICRO, 294, 180, None, "SQL:2; Data Visualisation:2; Excel:2; R:1", LMS),
    ("IBM Data Science Professional Certificate", "Coursera", MICRO, 294, 150, None, "Python:2; Machine Learning:2; SQL:2; Statistics:2", LMS),
    ("Machine Learning Specialization", "Coursera", MICRO, 196, 90, None, "Machine Learning:3; Python:2; Statistics:3", LMS),
    ("Deep Learning Specialization", "Coursera", MICRO, 245, 120, None, "Deep Learning:3; Machine Learning:3; Python:3", LMS),
    ("Google Cybersecurity Professional Certificate", "Coursera", MICRO, 294, 170, None, "Security Fundamentals:2; Security Operations:2; Linux:1; Python:1", LMS),
    ("Generative AI for Everyone", "Coursera", MICRO, 49, 6, None, "Generative AI:1; Prompt Engineering:1", LMS),
    ("HubSpot Inbound Marketing Certification", "HubSpot Academy", MICRO, 0, 5, 24, "Digital Marketing:2; Content Strategy:2", LMS),
    ("Google Analytics Certification", "Google", CERT, 150, 10, 24, "Marketing Analytics:3; Digital Marketing:2", LMS),
    # --- courses in the LMS: subscriptions and the internal academy ---
    ("Excel: Advanced Formulas and Functions", "LinkedIn Learning", COURSE, 200, 4, None, "Excel:3", LMS),
    ("SQL Essential Training", "LinkedIn Learning", COURSE, 200, 4, None, "SQL:2", LMS),
    ("Python Essential Training", "LinkedIn Learning", COURSE, 200, 6, None, "Python:2", LMS),
    ("Power BI Essential Training", "LinkedIn Learning", COURSE, 200, 5, None, "Power BI:2; Data Visualisation:2", LMS),
    ("Business Writing Principles", "LinkedIn Learning", COURSE, 200, 2, None, "Business Writing:2", LMS),
    ("Presentation Fundamentals", "LinkedIn Learning", COURSE, 200, 3, None, "Presentation Skills:2", LMS),
    ("Negotiation Foundations", "LinkedIn Learning", COURSE, 200, 3, None, "Negotiation:2", LMS),
    ("Coaching Skills for Leaders and Managers", "LinkedIn Learning", COURSE, 200, 2, None, "Coaching:2; People Management:1", LMS),
    ("Agile Foundations", "LinkedIn Learning", COURSE, 200, 3, None, "Agile:2; Scrum:1", LMS),
    ("Docker and Kubernetes: The Complete Guide", "Udemy Business", COURSE, 250, 22, None, "Docker:3; Kubernetes:2; CI/CD:2", LMS),
    ("React - The Complete Guide", "Udemy Business", COURSE, 250, 68, None, "Frontend Development:4; JavaScript:3", LMS),
    ("Apache Spark with Scala - Hands On with Big Data", "Udemy Business", COURSE, 250, 9, None, "Spark:3; Scala:2", LMS),
    ("Microservices with Node JS and React", "Udemy Business", COURSE, 250, 54, None, "Microservices:3; API Design:3; Docker:2", LMS),
    ("Selenium WebDriver with Java", "Udemy Business", COURSE, 250, 40, None, "Automated Testing:4; Java:2", LMS),
    ("Statistics for Data Science and Business Analysis", "Udemy Business", COURSE, 250, 5, None, "Statistics:2", LMS),
    ("SEO Training Masterclass", "Udemy Business", COURSE, 250, 12, None, "SEO:3; Digital Marketing:1", LMS),
    ("Information Security Awareness", ACADEMY, COURSE, 200, 1, None, "Information Security Awareness:1", LMS),
    ("Data Protection and GDPR Essentials", ACADEMY, COURSE, 200, 2, None, "GDPR:1; Data Privacy:1", LMS),
    ("Anti-Bribery and Corruption", ACADEMY, COURSE, 200, 1, None, "Anti-Bribery:1", LMS),
    ("Python for Data Engineering", ACADEMY, COURSE, 900, 24, None, "Python:3; Data Engineering:3; Git:2", LMS),
    ("Advanced SQL for Analytics", ACADEMY, COURSE, 700, 16, None, "SQL:4; Data Modelling:2; Data Quality:2", LMS),
    ("Data Modelling Bootcamp", ACADEMY, COURSE, 1100, 21, None, "Data Modelling:4; Data Warehousing:3; SQL:3", LMS),
    ("Modern Software Engineering Practices", ACADEMY, COURSE, 1200, 24, None, "Software Design:3; Automated Testing:3; Code Review:3; Git:3", LMS),
    ("Manager Essentials Programme", ACADEMY, COURSE, 1500, 24, None, "People Management:2; Performance Management:2; Coaching:2; Interviewing:2", LMS),
    ("Financial Modelling Masterclass", ACADEMY, COURSE, 1200, 14, None, "Financial Modelling:3; Excel:3; Financial Analysis:2; Budgeting:2", LMS),
    ("Consultative Selling Workshop", ACADEMY, COURSE, 900, 14, None, "Sales:3; Negotiation:2; Account Management:2", LMS),
    ("Observability with OpenTelemetry", ACADEMY, COURSE, 600, 8, None, "Observability:3; Site Reliability:2", LMS),
    ("Incident Response Tabletop Exercise", ACADEMY, COURSE, 400, 4, None, "Incident Response:2; Security Operations:1", LMS),
    ("Change Management Practitioner Workshop", ACADEMY, COURSE, 1200, 14, None, "Change Management:3; Stakeholder Management:2", LMS),
    ("HR Analytics Fundamentals", ACADEMY, COURSE, 400, 6, None, "HR Analytics:2; Excel:1", LMS),
    ("Strategic Thinking for Leaders", ACADEMY, COURSE, 1800, 16, None, "Strategic Planning:3; Decision Making:3", LMS),
    ("Employee Relations in Practice", ACADEMY, COURSE, 450, 8, None, "Employee Relations:3; Employment Law:2", LMS),
    # --- tuition assistance: external training and degrees ---
    ("ACCA Advanced Audit and Assurance", "Kaplan", COURSE, 1450, 120, None, "Audit:3; Accounting:3; Risk Management:2", TUITION),
    ("Cloud Security Bootcamp", "QA Ltd", COURSE, 2800, 35, None, "Cloud Security:3; AWS:2; Identity and Access Management:2", TUITION),
    ("Advanced Negotiation Skills", "Scotwork", COURSE, 2400, 21, None, "Negotiation:4; Stakeholder Management:2", TUITION),
    ("Leadership Development Programme", "Cranfield School of Management", COURSE, 2950, 40, None, "People Management:3; Strategic Planning:3; Change Management:2", TUITION),
    ("CIPD Level 5 Associate Diploma in People Management", "CIPD", COURSE, 2990, 180, None, "Employment Law:3; Employee Relations:3; HR Analytics:2", TUITION),
    ("Penetration Testing with Kali Linux (PEN-200)", "OffSec", COURSE, 1649, 100, None, "Penetration Testing:4; Linux:3", TUITION),
    ("MSc Data Science", "University of London", DEGREE, 16000, 1800, None, "Python:4; Statistics:4; Machine Learning:4; Data Modelling:3", TUITION),
    ("MS in Computer Science (OMSCS)", "Georgia Institute of Technology", DEGREE, 8500, 1600, None, "Software Design:4; Python:3; Machine Learning:2", TUITION),
    ("MSc Information Security", "Royal Holloway, University of London", DEGREE, 15000, 1800, None, "Security Operations:4; Cryptography:4; Network Security:4; Risk Management:3", TUITION),
    ("MSc Artificial Intelligence", "University of Edinburgh", DEGREE, 22000, 1800, None, "Machine Learning:4; Deep Learning:4; Generative AI:3; Python:4", TUITION),
    ("MBA", "The Open University", DEGREE, 24000, 2400, None, "Strategic Planning:4; Financial Analysis:3; People Management:3; Change Management:3", TUITION),
    ("Executive MBA", "London Business School", DEGREE, 40000, 2000, None, "Strategic Planning:5; Decision Making:4; Stakeholder Management:4; Financial Analysis:3", TUITION),
    ("M.Tech Cloud Computing", "BITS Pilani", DEGREE, 8000, 1600, None, "Cloud Architecture:4; AWS:2; Azure:2; Kubernetes:2", TUITION),
)  # fmt: skip

# Courses the LMS holds that nobody put in the catalogue: their rows always carry their own skills.
_UNCATALOGUED_COURSES: tuple[tuple[str, str, str, float, float, int | None, str, str], ...] = (
    ("Writing Effective Emails", "LinkedIn Learning", COURSE, 200, 1, None, "Business Writing:1", LMS),
    ("Time Management Fundamentals", "LinkedIn Learning", COURSE, 200, 2, None, "Decision Making:1", LMS),
    ("Learning Git and GitHub", "LinkedIn Learning", COURSE, 200, 3, None, "Git:2", LMS),
    ("Critical Thinking", "LinkedIn Learning", COURSE, 200, 1, None, "Decision Making:2", LMS),
    ("Kubernetes Essentials", "Udemy Business", COURSE, 250, 8, None, "Kubernetes:2; Docker:1", LMS),
    ("Go: The Complete Developer's Guide", "Udemy Business", COURSE, 250, 9, None, "Go:3", LMS),
    ("Understanding TypeScript", "Udemy Business", COURSE, 250, 15, None, "TypeScript:3; JavaScript:2", LMS),
    ("Employment Law Fundamentals (UK & EU)", "LinkedIn Learning", COURSE, 200, 3, None, "Employment Law:2", LMS),
)  # fmt: skip

MANDATORY_INFOSEC = "Information Security Awareness"
MANDATORY_GDPR = "Data Protection and GDPR Essentials"
MANDATORY_ABC = "Anti-Bribery and Corruption"
_MANDATORY = (MANDATORY_INFOSEC, MANDATORY_GDPR, MANDATORY_ABC)

# Programs that reach exactly these holders, never anyone else: the "critical skill held by one or two".
RARE_THREAT_MODELLING = "Internal Academy: Threat Modelling Practitioner"
RARE_CKS = "Certified Kubernetes Security Specialist (CKS)"
RARE_SOX = "Internal Academy: SOX Controls Owner"
_RARE = (RARE_THREAT_MODELLING, RARE_CKS, RARE_SOX)

# ---------------------------------------------------------------------------------------------------------
# Roles and their requirements ("Skill:required level:importance").
# ---------------------------------------------------------------------------------------------------------

NO_REQUIREMENTS_ROLE = "Executive Assistant"
_LEAD_BASICS = "People Management:3:5; Coaching:3:3; Interviewing:2:3; Performance Management:2:3"

_REQUIREMENTS: dict[str, str] = {
    "Chief Executive Officer": "Strategic Planning:5:5; Stakeholder Management:5:5; Decision Making:5:5; Change Management:4:4; Presentation Skills:4:4; People Management:4:4; Financial Analysis:3:3",
    "VP Engineering": "Strategic Planning:4:5; People Management:4:5; Software Design:4:4; Cloud Architecture:4:4; Stakeholder Management:4:4; Budgeting:3:3; Risk Management:3:3",
    "Head of Data": "Strategic Planning:4:5; People Management:4:5; Data Governance:4:5; Machine Learning:3:3; Data Modelling:3:3; Stakeholder Management:4:4",
    "Chief Commercial Officer": "Strategic Planning:4:5; Sales:5:5; Negotiation:4:5; People Management:4:4; Marketing Analytics:3:3; Stakeholder Management:4:4; Financial Analysis:3:3",
    "Chief Financial Officer": "Strategic Planning:4:5; Financial Modelling:5:5; Accounting:4:4; Risk Management:4:5; SOX Compliance:3:4; People Management:4:4; Stakeholder Management:4:4",
    "Chief People Officer": "Strategic Planning:4:5; People Management:5:5; Employment Law:4:5; Change Management:4:4; HR Analytics:3:3; Coaching:4:4",
    "Platform Engineering Manager": f"{_LEAD_BASICS}; AWS:4:4; Kubernetes:4:4; Site Reliability:3:4; Cloud Architecture:4:5; Budgeting:2:2",
    "Engineering Manager": f"{_LEAD_BASICS}; Software Design:4:4; Agile:3:4; Scrum:2:3; Code Review:3:3; Stakeholder Management:3:3",
    "Security Manager": f"{_LEAD_BASICS}; Security Operations:4:5; Cloud Security:4:5; Risk Management:3:4; Incident Response:4:5; ISO 27001:3:3; Threat Modelling:3:4",
    "Data Engineering Manager": f"{_LEAD_BASICS}; Data Engineering:4:5; Data Modelling:4:4; Spark:3:3; Data Governance:3:4",
    "Data Science Manager": f"{_LEAD_BASICS}; Machine Learning:4:5; Statistics:4:4; Python:3:3; Stakeholder Management:3:4",
    "Sales Director": f"{_LEAD_BASICS}; Sales:4:5; Negotiation:4:5; Account Management:4:4; Presentation Skills:4:3",
    "Head of Customer Success": f"{_LEAD_BASICS}; Customer Success:4:5; Account Management:3:4; Data Visualisation:2:2",
    "Marketing Director": f"{_LEAD_BASICS}; Digital Marketing:4:5; Marketing Analytics:4:4; Content Strategy:3:3; Project Management:3:3; Budgeting:3:3",
    "Finance Manager": f"{_LEAD_BASICS}; Accounting:4:5; Financial Modelling:4:4; SOX Compliance:3:5; Excel:4:3; Budgeting:4:4",
    "Head of Compliance": f"{_LEAD_BASICS}; Risk Management:4:5; GDPR:4:5; Audit:4:4; ISO 27001:3:3; Anti-Bribery:3:4; SOX Compliance:3:4",
    "People Operations Manager": f"{_LEAD_BASICS}; Employment Law:3:5; Employee Relations:4:4; HR Analytics:3:3; Recruiting:3:3",
    "Cloud Engineer": "AWS:3:5; Terraform:3:4; Linux:3:4; Docker:3:3; Networking:2:3; CI/CD:2:3; Python:2:2",
    "Senior Cloud Engineer": "AWS:4:5; Azure:3:3; Terraform:4:4; Kubernetes:3:4; Cloud Architecture:4:5; Cloud Security:3:4; Linux:3:3; Coaching:2:2",
    "Site Reliability Engineer": "Site Reliability:3:5; Observability:3:5; Kubernetes:3:4; Kubernetes Security:3:5; Linux:3:4; Incident Response:3:4; Go:2:2; Python:2:3",
    "DevOps Engineer": "CI/CD:3:5; Docker:3:4; Kubernetes:2:3; Git:3:3; Terraform:3:4; Linux:3:3",
    "Software Engineer": "Python:3:4; JavaScript:2:3; SQL:2:3; Git:3:4; Automated Testing:3:4; API Design:2:3; Agile:2:2",
    "Senior Software Engineer": "Python:3:4; Software Design:3:5; API Design:3:4; Microservices:3:4; Automated Testing:3:4; Code Review:3:4; AWS:2:3; Serverless:2:2; Coaching:2:2",
    "Frontend Engineer": "JavaScript:3:5; TypeScript:3:5; Frontend Development:3:5; Automated Testing:3:3; Git:2:3; UX Research:1:2",
    "QA Engineer": "Automated Testing:3:5; Java:2:2; Python:2:3; CI/CD:2:3; Agile:2:3; SQL:2:2; Git:2:2",
    "Security Analyst": "Security Operations:3:5; Incident Response:3:5; Network Security:3:4; Vulnerability Management:3:4; Cloud Security:3:5; Linux:2:3; Security Fundamentals:3:3",
    "Security Engineer": "Network Security:3:4; Identity and Access Management:3:5; Cloud Security:3:5; Threat Modelling:3:5; Penetration Testing:3:4; AWS:3:4; Cryptography:2:3",
    "Cloud Security Engineer": "Cloud Security:4:5; AWS:3:5; Azure:3:4; Identity and Access Management:3:5; Kubernetes Security:3:5; Terraform:3:3; Threat Modelling:3:4",
    "Data Engineer": "Python:3:5; SQL:3:5; Data Engineering:3:5; Spark:3:4; Data Modelling:3:4; Data Warehousing:3:4; AWS:2:3; Git:2:2",
    "Senior Data Engineer": "Python:3:5; SQL:4:5; Data Engineering:3:5; Spark:3:4; Data Modelling:4:4; Data Quality:2:4; Cloud Architecture:3:3; Google Cloud:2:2; Coaching:2:2",
    "Analytics Engineer": "SQL:4:5; Data Modelling:3:5; Data Warehousing:3:4; Data Quality:2:4; Python:2:3; Git:2:3; Data Visualisation:2:2",
    "Data Analyst": "SQL:3:5; Excel:3:4; Data Visualisation:3:5; Power BI:3:4; Statistics:2:3; Presentation Skills:2:3",
    "Data Scientist": "Python:3:5; Statistics:3:5; Machine Learning:3:5; SQL:3:4; Data Visualisation:2:3; Deep Learning:2:2; Stakeholder Management:2:2",
    "Machine Learning Engineer": "Python:3:5; Machine Learning:3:5; MLOps:3:5; Deep Learning:3:4; Docker:3:3; Kubernetes:2:3; Generative AI:2:3",
    "Sales Development Representative": "Sales:2:5; Business Writing:2:3; Presentation Skills:2:3; Negotiation:1:3; Account Management:1:2",
    "Account Executive": "Sales:3:5; Negotiation:3:5; Account Management:3:4; Presentation Skills:3:4; Stakeholder Management:2:3; Financial Analysis:1:2",
    "Sales Engineer": "Sales:2:3; Cloud Architecture:3:4; AWS:2:3; Presentation Skills:3:5; API Design:2:3; Stakeholder Management:3:4",
    "Support Specialist": "Customer Success:2:5; Business Writing:2:4; Excel:2:2; Data Privacy:2:3",
    "Customer Success Manager": "Customer Success:3:5; Account Management:3:5; Negotiation:2:3; Presentation Skills:3:3; Data Visualisation:2:2; Stakeholder Management:3:4",
    "Marketing Analyst": "Marketing Analytics:3:5; SQL:2:4; Excel:3:3; Data Visualisation:3:4; Statistics:2:3; Tableau:2:2; Digital Marketing:2:3",
    "Content Marketer": "Content Strategy:3:5; Business Writing:3:5; SEO:2:4; Digital Marketing:2:3; Presentation Skills:2:2",
    "Digital Marketing Specialist": "Digital Marketing:3:5; SEO:3:4; Marketing Analytics:2:4; Content Strategy:2:3; GDPR:2:3",
    "Accountant": "Accounting:3:5; Excel:3:4; SOX Compliance:2:4; Financial Analysis:2:3; Audit:2:3",
    "Financial Analyst": "Financial Analysis:3:5; Financial Modelling:3:5; Excel:3:4; SQL:2:3; Power BI:2:3; Budgeting:3:4; Presentation Skills:2:2",
    "Payroll Specialist": "Accounting:2:4; Excel:3:4; Employment Law:2:3; Data Privacy:3:4; GDPR:2:3",
    "Compliance Analyst": "GDPR:3:5; Data Privacy:3:5; Risk Management:2:4; Anti-Bribery:3:4; ISO 27001:2:3; Business Writing:3:3; Audit:2:2",
    "Risk Analyst": "Risk Management:3:5; Financial Analysis:2:3; Statistics:2:3; Excel:3:3; ISO 27001:2:3; Data Visualisation:2:2",
    "Internal Auditor": "Audit:3:5; SOX Compliance:3:5; Risk Management:3:4; Accounting:2:3; Excel:3:3; Business Writing:2:3",
    "HR Business Partner": "Employee Relations:3:5; Employment Law:3:5; Coaching:3:4; Change Management:3:4; HR Analytics:2:3; Facilitation:2:2; Stakeholder Management:3:3",
    "HR Advisor": "Employee Relations:2:5; Employment Law:2:4; Data Privacy:2:4; Business Writing:2:3; Excel:2:2",
    "Recruiter": "Recruiting:3:5; Interviewing:3:4; Negotiation:2:3; Employment Law:1:3; Business Writing:2:2; Stakeholder Management:2:3",
}  # fmt: skip

CEO_ROLE = "Chief Executive Officer"
EXEC_DEPARTMENT, EXEC_TEAM = "Executive", "Executive Office"


@dataclass(frozen=True)
class _Team:
    department: str
    name: str
    lead_role: str
    members: tuple[tuple[str, float], ...]  # (role, share of the team)
    weight: float  # share of all non-leaders
    engagement: tuple[float, float, float]  # P(high), P(medium), P(low) learners
    avoids: str = ""  # a skill this team's people almost never study: the planted gap
    intensity: float = 1.0  # multiplies everyone's elective learning in the team


_DEPARTMENT_HEADS: dict[str, str] = {
    "Engineering": "VP Engineering",
    "Data & Analytics": "Head of Data",
    "Commercial": "Chief Commercial Officer",
    "Finance & Risk": "Chief Financial Officer",
    "People": "Chief People Officer",
}

_TEAMS: tuple[_Team, ...] = (
    _Team("Engineering", "Platform Engineering", "Platform Engineering Manager",
          (("Cloud Engineer", 4), ("Senior Cloud Engineer", 2), ("Site Reliability Engineer", 2), ("DevOps Engineer", 2)),
          0.09, (0.35, 0.45, 0.20)),
    _Team("Engineering", "Product Engineering", "Engineering Manager",
          (("Software Engineer", 5), ("Senior Software Engineer", 3), ("Frontend Engineer", 2), ("QA Engineer", 1)),
          0.17, (0.25, 0.50, 0.25)),
    _Team("Engineering", "Security Operations", "Security Manager",
          (("Security Analyst", 4), ("Security Engineer", 3), ("Cloud Security Engineer", 1)),
          0.06, (0.35, 0.45, 0.20), avoids="Cloud Security"),
    _Team("Data & Analytics", "Data Engineering", "Data Engineering Manager",
          (("Data Engineer", 5), ("Senior Data Engineer", 2), ("Analytics Engineer", 2)),
          0.07, (0.75, 0.22, 0.03), intensity=2.0),
    _Team("Data & Analytics", "Data Science", "Data Science Manager",
          (("Data Analyst", 4), ("Data Scientist", 3), ("Machine Learning Engineer", 2)),
          0.08, (0.75, 0.22, 0.03), intensity=2.0),
    _Team("Commercial", "Sales", "Sales Director",
          (("Sales Development Representative", 4), ("Account Executive", 5), ("Sales Engineer", 1)),
          0.14, (0.08, 0.42, 0.50)),
    _Team("Commercial", "Customer Success", "Head of Customer Success",
          (("Support Specialist", 3), ("Customer Success Manager", 2)),
          0.11, (0.10, 0.45, 0.45)),
    _Team("Commercial", "Marketing", "Marketing Director",
          (("Marketing Analyst", 2), ("Content Marketer", 2), ("Digital Marketing Specialist", 2)),
          0.07, (0.20, 0.50, 0.30)),
    _Team("Finance & Risk", "Finance", "Finance Manager",
          (("Accountant", 3), ("Financial Analyst", 3), ("Payroll Specialist", 1)),
          0.08, (0.20, 0.50, 0.30)),
    _Team("Finance & Risk", "Risk & Compliance", "Head of Compliance",
          (("Compliance Analyst", 3), ("Risk Analyst", 2), ("Internal Auditor", 2)),
          0.05, (0.30, 0.50, 0.20)),
    _Team("People", "People Operations", "People Operations Manager",
          (("HR Business Partner", 2), ("HR Advisor", 2), ("Recruiter", 2)),
          0.06, (0.20, 0.50, 0.30)),
)  # fmt: skip

_EXEC_TEAM = _Team(EXEC_DEPARTMENT, EXEC_TEAM, CEO_ROLE, ((NO_REQUIREMENTS_ROLE, 1),), 0.0, (0.3, 0.5, 0.2))

# Promotions keep the team; transfers move the person to another team and role.
_PROMOTIONS: dict[str, str] = {
    "Cloud Engineer": "Senior Cloud Engineer",
    "DevOps Engineer": "Site Reliability Engineer",
    "Software Engineer": "Senior Software Engineer",
    "Frontend Engineer": "Senior Software Engineer",
    "QA Engineer": "Software Engineer",
    "Security Analyst": "Security Engineer",
    "Security Engineer": "Cloud Security Engineer",
    "Data Engineer": "Senior Data Engineer",
    "Analytics Engineer": "Senior Data Engineer",
    "Data Analyst": "Data Scientist",
    "Data Scientist": "Machine Learning Engineer",
    "Sales Development Representative": "Account Executive",
    "Account Executive": "Sales Engineer",
    "Support Specialist": "Customer Success Manager",
    "Content Marketer": "Digital Marketing Specialist",
    "Marketing Analyst": "Digital Marketing Specialist",
    "Accountant": "Financial Analyst",
    "Payroll Specialist": "Accountant",
    "Compliance Analyst": "Internal Auditor",
    "Risk Analyst": "Internal Auditor",
    "HR Advisor": "HR Business Partner",
    "Recruiter": "HR Business Partner",
}
_TRANSFERS: dict[str, tuple[str, str]] = {
    "Software Engineer": ("Platform Engineering", "DevOps Engineer"),
    "Cloud Engineer": ("Security Operations", "Cloud Security Engineer"),
    "Data Analyst": ("Marketing", "Marketing Analyst"),
    "Analytics Engineer": ("Data Science", "Data Analyst"),
    "Security Analyst": ("Risk & Compliance", "Compliance Analyst"),
    "Support Specialist": ("Sales", "Sales Development Representative"),
}

# ---------------------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------------------

_FIRST_NAMES = (
    "Aisha", "Alex", "Amara", "Amelia", "Ana", "Ananya", "Andrea", "Arjun", "Ben", "Bilal", "Camille", "Carlos",
    "Chen", "Chloe", "Chidi", "Daniel", "Deepa", "Diego", "Elena", "Elif", "Emma", "Fatima", "Felix", "Freya",
    "Gabriel", "Grace", "Hannah", "Hiroshi", "Ibrahim", "Ines", "Isaac", "Ivan", "Jack", "Jamal", "James",
    "Jana", "Javier", "Jessica", "Jonas", "José", "Julia", "Kai", "Karthik", "Katarzyna", "Kofi", "Lars",
    "Laura", "Leah", "Leon", "Li", "Lucas", "Lucía", "Maja", "Marcus", "Maria", "Mateo", "Maya", "Mei",
    "Michael", "Mohammed", "Nadia", "Naomi", "Nikhil", "Nina", "Noah", "Olivia", "Omar", "Oscar", "Pablo",
    "Priya", "Rahul", "Raj", "Rosa", "Ruth", "Samuel", "Sara", "Sean", "Siobhan", "Sofia", "Sophie", "Sunita",
    "Tariq", "Thomas", "Tobias", "Uma", "Victor", "Wei", "William", "Yara", "Yusuf", "Zara", "Zoë", "Björn",
    "Renée", "Ngozi", "Mariana", "Oluwaseun", "Ravi", "Helen", "Connor",
)  # fmt: skip
_LAST_NAMES = (
    "Adeyemi", "Ahmed", "Anderson", "Bauer", "Becker", "Bianchi", "Brown", "Chatterjee", "Chen", "Clarke",
    "Costa", "Dubois", "Evans", "Fernández", "Fischer", "Garcia", "Gupta", "Hall", "Hansen", "Hernández",
    "Hughes", "Iyer", "Jackson", "Jansen", "Johnson", "Kaur", "Khan", "Kim", "Kowalski", "Kumar", "Lee",
    "Lewis", "Li", "Lopez", "Martin", "Mensah", "Meyer", "Miller", "Moore", "Müller", "Murphy", "Nair",
    "Nguyen", "Novak", "O'Brien", "O'Connor", "Okafor", "Patel", "Petrov", "Reddy", "Richter", "Roberts",
    "Rossi", "Santos", "Schmidt", "Schneider", "Shah", "Sharma", "Silva", "Singh", "Smith", "Smith-Jones",
    "Sørensen", "Suzuki", "Tanaka", "Taylor", "Thompson", "Walker", "Wang", "Weber", "White", "Williams",
    "Wilson", "Wong", "Wright", "Yilmaz", "Zhang", "da Silva", "van der Berg", "Nowak", "Ivanova", "Rao",
)  # fmt: skip
_LOCATIONS = ("London", "Berlin", "Austin", "Bangalore", "Remote")
_LOCATION_CUM = (30, 45, 65, 85, 100)
_CONTRACTOR_DOMAINS = (
    "northbridge-consulting.example",
    "talentbridge-contractors.example",
    "freelance.example",
)
_PERSONAL_DOMAINS = ("gmail.example", "outlook.example", "proton.example")

HIGH, MEDIUM, LOW = 0, 1, 2
# Expected elective attempts per person over the full learning window, by engagement.
_CREDLY_RATE = (7.5, 2.6, 0.35)
_LMS_RATE = (4.5, 2.0, 0.4)
_TUITION_RATE = (0.7, 0.12, 0.0)

# Between the snapshots, as shares of the 2025 headcount; weights are (without, with) a certification.
_LEAVE_SHARE, _LEAVE_WEIGHT = 0.08, (3.0, 1.0)
_PROMOTE_SHARE, _PROMOTE_WEIGHT = 0.055, (1.0, 4.0)
_TRANSFER_SHARE = 0.012


class _Person:
    """One employee across both snapshots; mutable while the generator decides their story."""

    __slots__ = (
        "idx", "first", "last", "email", "team", "role", "team26", "role26", "location", "hire", "term",
        "engagement", "is_new", "is_leader", "keep", "employee_id", "events",
    )  # fmt: skip

    def __init__(self, idx: int, team: _Team, role: str, hire: int, is_new: bool, is_leader: bool) -> None:
        self.idx = idx
        self.first = ""
        self.last = ""
        self.email = ""
        self.team = team
        self.role = role
        self.team26 = team
        self.role26 = role
        self.location = ""
        self.hire = hire
        self.term = 0  # ordinal of the termination date, 0 while employed
        self.engagement = MEDIUM
        self.is_new = is_new
        self.is_leader = is_leader
        self.keep = False  # holders of rare skills never leave, so the story holds at every size
        self.employee_id = ""
        self.events: list[tuple] = []


@dataclass(frozen=True)
class _Program:
    name: str
    provider: str
    kind: str
    cost: float
    hours: float
    validity: int | None
    skills: tuple[tuple[str, int], ...]
    channel: str
    catalogued: bool
    skills_text: str
    cost_text: str
    hours_text: str


@dataclass
class SampleOrg:
    """The demo employer as in-memory rows: lists of dicts keyed by the CSV headers, values as written."""

    roster_snapshots: dict[str, list[dict]]  # snapshot date "2025-06-30" / "2026-06-30" -> rows
    catalogue: list[dict]
    badges: list[dict]
    courses: list[dict]
    tuition: list[dict]
    role_requirements: list[dict]


@dataclass
class _Tables:
    """Rows as tuples of strings in header order: cheap to hold at 100k employees and written as they are."""

    catalogue: list[tuple[str, ...]]
    role_requirements: list[tuple[str, ...]]
    roster_2025: list[tuple[str, ...]]
    roster_2026: list[tuple[str, ...]]
    badges: list[tuple[str, ...]]
    courses: list[tuple[str, ...]]
    tuition: list[tuple[str, ...]]


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def build_sample_org(employees: int = 500, seed: int = 42, today: date = DEFAULT_TODAY) -> SampleOrg:
    """Generate the demo employer in memory; `employees` is the headcount on the 2025-06-30 snapshot."""

    def dicts(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[dict]:
        return [dict(zip(headers, row, strict=True)) for row in rows]

    with _gc_paused():
        t = _generate(employees, seed, today)
        return SampleOrg(
            roster_snapshots={
                SNAPSHOT_2025.isoformat(): dicts(ROSTER_HEADERS, t.roster_2025),
                SNAPSHOT_2026.isoformat(): dicts(ROSTER_HEADERS, t.roster_2026),
            },
            catalogue=dicts(CATALOGUE_HEADERS, t.catalogue),
            badges=dicts(CREDLY_HEADERS, t.badges),
            courses=dicts(COURSES_HEADERS, t.courses),
            tuition=dicts(TUITION_HEADERS, t.tuition),
            role_requirements=dicts(ROLES_HEADERS, t.role_requirements),
        )


def write_sample_files(out_dir: Path, employees: int = 500, seed: int = 42) -> list[Path]:
    """Write the seven demo files into `out_dir` and return their paths in the order they must be loaded.

    The catalogue and role requirements go first so learning rows find their programs' skills, then the
    two rosters oldest first (so the roster history is right), then the three learning files.
    """
    with _gc_paused():
        t = _generate(employees, seed, DEFAULT_TODAY)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = (
        (CATALOGUE_FILE, CATALOGUE_HEADERS, t.catalogue),
        (ROLES_FILE, ROLES_HEADERS, t.role_requirements),
        (ROSTER_2025_FILE, ROSTER_HEADERS, t.roster_2025),
        (ROSTER_2026_FILE, ROSTER_HEADERS, t.roster_2026),
        (CREDLY_FILE, CREDLY_HEADERS, t.badges),
        (COURSES_FILE, COURSES_HEADERS, t.courses),
        (TUITION_FILE, TUITION_HEADERS, t.tuition),
    )
    paths: list[Path] = []
    for name, headers, rows in plan:
        path = out_dir / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows(rows)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------------------


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: generation only allocates (no cycles), and at 100k employees the
    collector's repeated scans of a million row tuples cost about a sixth of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(employees: int, seed: int, today: date) -> _Tables:
    """The whole story in one pass; the order of random draws below is part of the output, so keep it."""
    if isinstance(employees, bool) or not isinstance(employees, int) or employees < MIN_EMPLOYEES:
        raise ValueError(f"employees must be a whole number of at least {MIN_EMPLOYEES}, got {employees!r}")
    if today < SNAPSHOT_2026 + timedelta(days=30):
        raise ValueError(f"today must be on or after {SNAPSHOT_2026 + timedelta(days=30)}, got {today}")
    rng = random.Random(seed)
    programs = _programs()
    by_name = {p.name: p for p in programs}
    template_ids = {p.name: _uuid(rng) for p in programs if p.channel == CREDLY}
    pools = _pools(programs)
    dates = _DateText()

    people = _people(rng, employees)
    leaders = {p.role: p for p in people if p.is_leader and p.role != NO_REQUIREMENTS_ROLE}
    today_ord = today.toordinal()
    for person in people:
        person.events = _elective_events(rng, person, pools, today_ord)
    _plant_rare_skills(rng, people, by_name, today_ord)
    _decide_outcomes(rng, people, employees)

    badges: list[tuple[str, ...]] = []
    courses: list[tuple[str, ...]] = []
    tuition: list[tuple[str, ...]] = []
    for person in people:
        horizon = person.term or today_ord
        _mandatory_events(rng, person, by_name, horizon)
        _materialise(rng, person, horizon, today_ord, template_ids, dates, badges, courses, tuition)
    _contractors(rng, employees, pools, by_name, today_ord, template_ids, dates, badges, courses)

    badges.sort(key=lambda r: (r[10], r[3]))
    courses.sort(key=lambda r: (r[6], r[1], r[2]))
    tuition.sort(key=lambda r: (r[5], r[0], r[1]))
    roster_2025, roster_2026 = _rosters(people, leaders, dates)
    return _Tables(
        catalogue=[_catalogue_row(p) for p in programs if p.catalogued],
        role_requirements=_requirement_rows(),
        roster_2025=roster_2025,
        roster_2026=roster_2026,
        badges=badges,
        courses=courses,
        tuition=tuition,
    )


def _programs() -> list[_Program]:
    out = []
    for catalogued, rows in ((True, _CATALOGUE), (False, _UNCATALOGUED_COURSES)):
        for name, provider, kind, cost, hours, validity, skills, channel in rows:
            parsed = tuple((s.split(":")[0], int(s.split(":")[1])) for s in skills.split("; "))
            out.append(
                _Program(
                    name,
                    provider,
                    kind,
                    float(cost),
                    float(hours),
                    validity,
                    parsed,
                    channel,
                    catalogued,
                    skills,
                    f"{cost:.2f}",
                    _num(hours),
                )  # fmt: skip
            )
    return out


def requirements() -> dict[str, list[tuple[str, int, int]]]:
    """Each role's (skill, required level, importance) triples, in file order; the role without any is absent."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for role, text in _REQUIREMENTS.items():
        items = []
        for item in text.split("; "):
            skill, level, importance = item.split(":")
            items.append((skill, int(level), int(importance)))
        out[role] = items
    return out


def _requirement_rows() -> list[tuple[str, ...]]:
    return [
        (role, skill, str(level), str(importance))
        for role, items in requirements().items()
        for skill, level, importance in items
    ]


def _catalogue_row(p: _Program) -> tuple[str, ...]:
    return (
        p.name, p.provider, p.kind, p.cost_text, p.hours_text,
        "" if p.validity is None else str(p.validity), p.skills_text,
    )  # fmt: skip


class _Pool:
    """Weighted choice of programs by cumulative weights: one bisect per draw."""

    __slots__ = ("programs", "cumulative", "total")

    def __init__(self, weighted: list[tuple[_Program, float]]) -> None:
        self.programs = [p for p, w in weighted if w > 0]
        self.cumulative: list[float] = []
        running = 0.0
        for _p, w in weighted:
            if w > 0:
                running += w
                self.cumulative.append(running)
        self.total = running

    def draw(self, rng: random.Random) -> _Program:
        return self.programs[min(bisect(self.cumulative, rng.random() * self.total), len(self.programs) - 1)]


def _pools(programs: list[_Program]) -> dict[tuple[str, str, str], _Pool]:
    """Per (team, role, channel): programs weighted by how much they teach what the role requires.

    Rare and mandatory programs are never drawn; a team's `avoids` skill is studied 50 times less.
    """
    reqs = requirements()
    pools: dict[tuple[str, str, str], _Pool] = {}
    for team in (*_TEAMS, _EXEC_TEAM):
        roles = [team.lead_role, *(r for r, _ in team.members)]
        if team is _EXEC_TEAM:
            roles += list(_DEPARTMENT_HEADS.values())
        for role in roles:
            need = {skill: (level, importance) for skill, level, importance in reqs.get(role, [])}
            for channel in (CREDLY, LMS, TUITION):
                weighted = []
                for p in programs:
                    if p.channel != channel or p.name in _RARE or p.name in _MANDATORY:
                        continue
                    w = 0.15 + sum(_relevance(need.get(skill), level) for skill, level in p.skills)
                    if p.kind == DEGREE:
                        w *= 0.5
                    if team.avoids and any(skill == team.avoids for skill, _lvl in p.skills):
                        w *= 0.02
                    weighted.append((p, w))
                pools[(team.name, role, channel)] = _Pool(weighted)
    return pools


def _relevance(need: tuple[int, int] | None, level: int) -> float:
    """How much a program's skill draws a role to it: important skills count squared, reaching the level counts."""
    if need is None:
        return 0.0
    required, importance = need
    return importance * importance * (1.0 if level >= required else 0.35) / 5


def _people(rng: random.Random, employees: int) -> list[_Person]:
    """Leaders, then every member role once, then members by team weight; new hires; then ids and names."""
    start_2025 = SNAPSHOT_2025.toordinal()
    first_hire = FIRST_HIRE.toordinal()
    span = start_2025 - first_hire

    def hire_date(skew: float) -> int:
        return start_2025 - int(span * rng.random() ** skew)

    people: list[_Person] = []

    def add(team: _Team, role: str, hire: int, is_new: bool = False, is_leader: bool = False) -> None:
        people.append(_Person(len(people), team, role, hire, is_new, is_leader))

    add(_EXEC_TEAM, CEO_ROLE, first_hire, is_leader=True)
    for head in _DEPARTMENT_HEADS.values():
        add(_EXEC_TEAM, head, hire_date(0.5), is_leader=True)
    for team in _TEAMS:
        add(team, team.lead_role, hire_date(0.7), is_leader=True)
    assistants = max(1, employees // 150)
    for _ in range(assistants):
        add(_EXEC_TEAM, NO_REQUIREMENTS_ROLE, hire_date(1.4), is_leader=True)
    for team in _TEAMS:
        for role, _share in team.members:
            add(team, role, hire_date(1.6))

    member_choices = [(team, role) for team in _TEAMS for role, _ in team.members]
    member_cum: list[float] = []
    running = 0.0
    for team in _TEAMS:
        total = sum(share for _, share in team.members)
        for _role, share in team.members:
            running += team.weight * share / total
            member_cum.append(running)

    def draw_member() -> tuple[_Team, str]:
        return member_choices[min(bisect(member_cum, rng.random() * running), len(member_choices) - 1)]

    while len(people) < employees:
        team, role = draw_member()
        add(team, role, hire_date(1.6))
    window = SNAPSHOT_2026.toordinal() - start_2025
    for _ in range(round(employees * 0.10)):
        team, role = draw_member()
        add(team, role, start_2025 + 1 + _below(rng, window), is_new=True)

    # Ids follow hire order, as an HR system hands them out; new hires after everyone on the 2025 roster.
    people.sort(key=lambda p: (p.is_new, p.hire, p.idx))
    used_emails: dict[str, int] = {}
    for number, person in enumerate(people):
        person.idx = number
        person.employee_id = f"E{10001 + number}"
        person.first = rng.choice(_FIRST_NAMES)
        person.last = rng.choice(_LAST_NAMES)
        base = f"{_slug(person.first)}.{_slug(person.last)}"
        seen = used_emails.get(base, 0) + 1
        used_emails[base] = seen
        person.email = f"{base}{seen if seen > 1 else ''}@{EMAIL_DOMAIN}"
        person.location = (
            "London" if person.role == CEO_ROLE else _LOCATIONS[bisect(_LOCATION_CUM, rng.random() * 100)]
        )
        high, medium, _low = person.team.engagement
        r = rng.random()
        person.engagement = HIGH if r < high else MEDIUM if r < high + medium else LOW
    return people


def _elective_events(rng: random.Random, person: _Person, pools: dict, today: int) -> list[tuple]:
    """Attempts the person starts by choice, as (program, start, days, result), dated until `today`.

    A leaver's rows are cut at their termination later, so these do not depend on who leaves.
    """
    epoch = LEARNING_EPOCH.toordinal()
    start = max(person.hire, epoch)
    window = today - start
    if window <= 0:
        return []
    share = window / (today - epoch)
    events = []
    for channel, rates in ((CREDLY, _CREDLY_RATE), (LMS, _LMS_RATE), (TUITION, _TUITION_RATE)):
        lam = rates[person.engagement] * share * person.team.intensity
        pool = pools[(person.team.name, person.role, channel)]
        for _ in range(_poisson(rng, lam)):
            program = pool.draw(rng)
            begin = today - int(window * rng.random() ** 1.4)  # learning budgets grew: more of it is recent
            events.append((program, begin, _duration(rng, program), _result(rng, program.kind)))
    return events


def _duration(rng: random.Random, program: _Program) -> int:
    """Days from start to completion: days for badges, weeks for certifications, years for degrees."""
    kind = program.kind
    if kind == MICRO:
        return int(rng.triangular(1, 45, 7)) if program.hours < 60 else int(rng.triangular(30, 240, 90))
    if kind == CERT:
        return int(rng.triangular(14, 150, 45))
    if kind == COURSE:
        return max(1, int(program.hours / rng.uniform(0.8, 4.0))) + _below(rng, 7)
    return min(1095, max(365, int(program.hours / rng.uniform(1.6, 2.6))))


_OUTCOMES = {  # P(completed), P(failed); the rest are abandoned attempts
    MICRO: (0.90, 0.03),
    CERT: (0.80, 0.12),
    COURSE: (0.86, 0.04),
    DEGREE: (0.62, 0.08),
}


def _result(rng: random.Random, kind: str) -> str:
    done, failed = _OUTCOMES[kind]
    r = rng.random()
    return "completed" if r < done else "failed" if r < done + failed else "abandoned"


def _plant_rare_skills(rng: random.Random, people: list[_Person], by_name: dict, today: int) -> None:
    """Give each rare program to its fixed holders (one or two, at any size), recently and for good."""
    plan = (
        (RARE_THREAT_MODELLING, ("Security Manager",)),
        (RARE_CKS, ("Platform Engineering Manager", "Site Reliability Engineer")),
        (RARE_SOX, ("Finance Manager", "Head of Compliance")),
    )
    for program_name, roles in plan:
        program = by_name[program_name]
        for role in roles:
            holder = next(p for p in people if p.role == role and not p.is_new)
            holder.keep = True
            begin = today - 200 - _below(rng, 120)
            holder.events.append((program, begin, _duration(rng, program), "completed"))


def _decide_outcomes(rng: random.Random, people: list[_Person], employees: int) -> None:
    """Who leaves, is promoted or moves team between snapshots, in fixed shares of the 2025 headcount.

    Each is drawn by weighted sampling without replacement, a completed certification weighing more for
    promotion and less for leaving, so the outcomes analysis finds the planted correlation at every size.
    """
    start_2025 = SNAPSHOT_2025.toordinal()
    end_2026 = SNAPSHOT_2026.toordinal()
    window = end_2026 - start_2025
    team_by_name = {t.name: t for t in _TEAMS}
    staff = [p for p in people if not p.is_new and not p.is_leader]
    leave_on = {p.idx: start_2025 + 1 + _below(rng, window) for p in staff}
    leaving = _weighted_sample(
        rng,
        [(p, _LEAVE_WEIGHT[_certified_by(p, leave_on[p.idx])]) for p in staff if not p.keep],
        round(employees * _LEAVE_SHARE),
    )
    for person in leaving:
        person.term = leave_on[person.idx]
    stayers = [p for p in staff if not p.term]
    certified = {p.idx: _certified_by(p, end_2026) for p in stayers}
    promoted = _weighted_sample(
        rng,
        [(p, _PROMOTE_WEIGHT[certified[p.idx]]) for p in stayers if p.role in _PROMOTIONS],
        round(employees * _PROMOTE_SHARE),
    )
    for person in promoted:
        person.role26 = _PROMOTIONS[person.role]
    movers = _weighted_sample(
        rng,
        [
            (p, 1.5 if certified[p.idx] else 1.0)
            for p in stayers
            if p.role in _TRANSFERS and p.role26 == p.role
        ],
        max(3, round(employees * _TRANSFER_SHARE)),
    )
    for person in movers:
        team_name, role = _TRANSFERS[person.role]
        person.team26, person.role26 = team_by_name[team_name], role


def _weighted_sample(rng: random.Random, weighted: list[tuple[_Person, float]], k: int) -> list[_Person]:
    """k items without replacement, each kept with odds proportional to its weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), p.idx, p) for p, w in weighted]
    return [p for _key, _idx, p in heapq.nlargest(min(k, len(keyed)), keyed, key=lambda t: (t[0], t[1]))]


def _certified_by(person: _Person, day: int) -> bool:
    return any(
        p.kind == CERT and result == "completed" and begin + days <= day
        for p, begin, days, result in person.events
    )


def _mandatory_events(rng: random.Random, person: _Person, by_name: dict, horizon: int) -> None:
    """Compliance training everyone is assigned: annual security awareness, GDPR and (commercial) bribery."""
    infosec, gdpr, abc = (by_name[n] for n in _MANDATORY)
    hire = person.hire
    for year in (2025, 2026):
        campaign = date(year, 10, 1).toordinal()
        if hire < campaign <= horizon:
            person.events.append((infosec, campaign + _below(rng, 21), _below(rng, 45), _compliance(rng)))
    due = [(gdpr, date(2024, 5, 1).toordinal())]
    if person.team.department in ("Commercial", "Finance & Risk"):
        due.append((abc, date(2024, 11, 4).toordinal()))
    for program, campaign in due:
        begin = max(campaign, hire + 1) + _below(rng, 21)
        if begin <= horizon:
            person.events.append((program, begin, _below(rng, 30), _compliance(rng)))


def _compliance(rng: random.Random) -> str:
    return "completed" if rng.random() < 0.96 else "abandoned"


def _materialise(
    rng: random.Random,
    person: _Person,
    horizon: int,
    today: int,
    template_ids: dict[str, str],
    dates: _DateText,
    badges: list,
    courses: list,
    tuition: list,
) -> None:
    """Turn attempts into file rows as each system would record them on `today` (cut at `horizon`)."""
    for program, begin, days, result in person.events:
        if begin > horizon:
            continue
        end = begin + days
        if program.channel == CREDLY:
            if result == "completed" and end <= horizon:
                _badge_rows(rng, person, program, end, horizon, today, template_ids, dates, badges)
        elif program.channel == LMS:
            courses.append(
                _course_row(
                    rng, person.employee_id, person.email, program, begin, end, days, result, horizon, dates
                )
            )
        else:
            tuition.append(
                _tuition_row(rng, person, program, begin, end, days, result, horizon, today, dates)
            )


def _badge_rows(
    rng: random.Random,
    person: _Person,
    program: _Program,
    issued: int,
    horizon: int,
    today: int,
    template_ids: dict[str, str],
    dates: _DateText,
    badges: list,
) -> None:
    """One badge, plus its renewals for engaged people whose certification lapsed while employed."""
    for _ in range(3):
        expires = _add_months(issued, program.validity) if program.validity else 0
        r = rng.random()
        if r < 0.25:
            issuer_id, email = "", _personal_email(person) if rng.random() < 0.04 else person.email
        else:
            issuer_id, email = person.employee_id, person.email
        if email == person.email and rng.random() < 0.05:
            email = _mixed_case(email)
        status = _badge_status(rng, today - issued)
        if program.name in _RARE:  # the one or two holders must count, so nothing about them is ambiguous
            issuer_id, email, status = person.employee_id, person.email, "accepted"
        badges.append((
            program.name, template_ids[program.name], program.provider, _uuid(rng), issuer_id,
            person.first, person.last, email, status,
            "true" if expires and expires < today else "false", dates[issued], dates[expires] if expires else "",
        ))  # fmt: skip
        renew = program.kind == CERT and expires and person.engagement != LOW
        if not (renew and expires < horizon and rng.random() < (0.6 if person.engagement == HIGH else 0.25)):
            return
        issued = expires + _below(rng, 106) - 60
        if issued > horizon:
            return


def _badge_status(rng: random.Random, age_days: int) -> str:
    r = rng.random()
    if age_days < 45 and r < 0.45:
        return "pending"
    if r < 0.025:
        return "revoked"
    if r < 0.04:
        return "rejected"
    if r < 0.05:
        return "pending"
    return "accepted"


def _course_row(
    rng: random.Random,
    employee_id: str,
    email: str,
    program: _Program,
    begin: int,
    end: int,
    days: int,
    result: str,
    horizon: int,
    dates: _DateText,
) -> tuple[str, ...]:
    completed = expiry = ""
    if end > horizon:
        status = "Enrolled" if horizon - begin < max(1, days) * 0.3 else "In Progress"
    elif result == "completed":
        status = "Completed"
        completed = dates[end]
        if program.validity:
            expiry = dates[_add_months(end, program.validity)]
    else:
        status = "Failed" if result == "failed" else "In Progress"
    if not program.catalogued or rng.random() < 0.2:
        skills = program.skills_text
    else:
        skills = ""
    shown_id = employee_id if rng.random() < 0.95 else ""
    return (
        shown_id, email, program.name, program.provider, program.kind, status, dates[begin], completed, expiry,
        program.cost_text, program.hours_text, skills,
    )  # fmt: skip


def _tuition_row(
    rng: random.Random,
    person: _Person,
    program: _Program,
    begin: int,
    end: int,
    days: int,
    result: str,
    horizon: int,
    today: int,
    dates: _DateText,
) -> tuple[str, ...]:
    """Tuition is approved for the whole program, so Cost is the approved amount whatever the outcome."""
    hours = program.hours
    if end > horizon:
        if horizon < today:  # left the company mid-programme
            outcome, finished = "Incomplete", horizon
        else:
            outcome, finished = "Enrolled", 0
        hours = program.hours * (horizon - begin) / max(days, 1)
    elif result == "completed":
        outcome, finished = "Passed", end
    elif result == "failed":
        outcome, finished = "Failed", end
    else:
        outcome, finished = "Incomplete", begin + int(days * rng.uniform(0.1, 0.8))
        hours = program.hours * (finished - begin) / max(days, 1)
    low, high = (8000.0, 40000.0) if program.kind == DEGREE else (200.0, 3000.0)
    cost = min(high, max(low, program.cost * rng.uniform(0.9, 1.1)))
    return (
        person.employee_id, program.name, program.provider, program.kind, outcome, dates[begin],
        dates[finished] if finished else "", f"{cost:.2f}", _num(round(hours)),
    )  # fmt: skip


def _contractors(
    rng: random.Random,
    employees: int,
    pools: dict,
    by_name: dict,
    today: int,
    template_ids: dict[str, str],
    dates: _DateText,
    badges: list,
    courses: list,
) -> None:
    """Contractors appear in Credly and the LMS but never on the roster: their rows stay unmatched."""
    epoch = LEARNING_EPOCH.toordinal()
    credly_pool = pools[("Platform Engineering", "Cloud Engineer", CREDLY)]
    lms_pool = pools[("Product Engineering", "Software Engineer", LMS)]
    for n in range(max(3, round(employees * 0.008))):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        domain = _CONTRACTOR_DOMAINS[n % len(_CONTRACTOR_DOMAINS)]
        email = f"{_slug(first)}.{_slug(last)}{n}@{domain}"
        for _ in range(1 + _below(rng, 3)):
            program = credly_pool.draw(rng)
            issued = epoch + _below(rng, today - epoch)
            expires = _add_months(issued, program.validity) if program.validity else 0
            badges.append((
                program.name, template_ids[program.name], program.provider, _uuid(rng), "", first, last, email,
                _badge_status(rng, today - issued), "true" if expires and expires < today else "false",
                dates[issued], dates[expires] if expires else "",
            ))  # fmt: skip
        if n % 2 == 0:
            program = lms_pool.draw(rng)
            begin = epoch + _below(rng, today - epoch)
            days = _duration(rng, program)
            courses.append(
                _course_row(
                    rng,
                    "",
                    email,
                    program,
                    begin,
                    begin + days,
                    days,
                    _result(rng, program.kind),
                    today,
                    dates,
                )
            )


def _rosters(people: list[_Person], leaders: dict[str, _Person], dates: _DateText) -> tuple[list, list]:
    """Both HR snapshots: 2025 lists everyone then employed; 2026 adds new hires and keeps leavers, dated."""
    ceo_id = leaders[CEO_ROLE].employee_id

    def manager(team: _Team, role: str) -> str:
        if role == CEO_ROLE:
            return ""
        if team is _EXEC_TEAM:
            return ceo_id
        if role == team.lead_role:
            return leaders[_DEPARTMENT_HEADS[team.department]].employee_id
        return leaders[team.lead_role].employee_id

    def row(p: _Person, team: _Team, role: str, term: int) -> tuple[str, ...]:
        return (
            p.employee_id, f"{p.first} {p.last}", p.email, team.department, team.name, role, manager(team, role),
            p.location, dates[p.hire], dates[term] if term else "",
        )  # fmt: skip

    roster_2025 = [row(p, p.team, p.role, 0) for p in people if not p.is_new]
    roster_2026 = [row(p, p.team26, p.role26, p.term) for p in people]
    return roster_2025, roster_2026


# ---------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------


class _DateText(dict):
    """ISO text per date ordinal, computed once: formatting dates is the hot path at 100k employees."""

    def __missing__(self, ordinal: int) -> str:
        text = date.fromordinal(ordinal).isoformat()
        self[ordinal] = text
        return text


def _add_months(ordinal: int, months: int) -> int:
    d = date.fromordinal(ordinal)
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    day = min(d.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    if month == 2 and day == 28 and d.day > 28 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 29
    return date(year, month, day).toordinal()


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, product = math.exp(-lam), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _below(rng: random.Random, n: int) -> int:
    """A whole number in [0, n): `randrange` costs ten times more, and this is the hot path."""
    return int(rng.random() * n)


def _uuid(rng: random.Random) -> str:
    """A random (version 4) UUID drawn from the seeded generator, so badge ids repeat with the seed."""
    h = f"{(rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)


def _slug(name: str) -> str:
    """The email form of a name: accents folded, apostrophes and spaces dropped, lower case."""
    folded = unicodedata.normalize("NFKD", name.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in folded.lower() if c.isascii() and (c.isalnum() or c == "-"))


def _mixed_case(email: str) -> str:
    local, domain = email.split("@")
    return (
        ".".join(part.capitalize() for part in local.split("."))
        + "@"
        + domain.replace("skillgrid", "SkillGrid")
    )


def _personal_email(person: _Person) -> str:
    domain = _PERSONAL_DOMAINS[int(person.employee_id[1:]) % len(_PERSONAL_DOMAINS)]
    return f"{_slug(person.first)}{_slug(person.last)}{int(person.employee_id[1:]) % 97}@{domain}"


def _num(value: float) -> str:
    """Hours as an analyst would type them: 12, 12.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
