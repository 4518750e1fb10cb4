-- CreateTable
CREATE TABLE "vaccination_dose" (
    "nik" VARCHAR(16) NOT NULL,
    "dose" SMALLINT NOT NULL,
    "vaccine" TEXT NOT NULL,
    "administered_on" DATE NOT NULL,

    CONSTRAINT "vaccination_dose_pkey" PRIMARY KEY ("nik","dose")
);
