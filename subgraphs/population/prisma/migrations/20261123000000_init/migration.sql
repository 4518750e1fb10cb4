-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('L', 'P');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('HEAD', 'SPOUSE', 'CHILD', 'OTHER');

-- CreateTable
CREATE TABLE "person" (
    "nik" VARCHAR(16) NOT NULL,
    "kk" VARCHAR(16) NOT NULL,
    "full_name" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "birth_date" DATE NOT NULL,
    "relationship" "Relationship" NOT NULL,
    "village_code" VARCHAR(13) NOT NULL,
    "death_date" DATE,

    CONSTRAINT "person_pkey" PRIMARY KEY ("nik")
);

-- CreateIndex
CREATE INDEX "person_kk_idx" ON "person"("kk");

-- CreateIndex
CREATE INDEX "person_village_code_prefix_idx" ON "person"("village_code" text_pattern_ops);
