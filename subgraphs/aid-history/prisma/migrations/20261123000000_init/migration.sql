-- CreateEnum
CREATE TYPE "ProgramUnit" AS ENUM ('PERSON', 'FAMILY');

-- CreateTable
CREATE TABLE "program" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" "ProgramUnit" NOT NULL,
    "rule_set" TEXT NOT NULL,

    CONSTRAINT "program_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "disbursement" (
    "id" TEXT NOT NULL,
    "program_code" TEXT NOT NULL,
    "nik" VARCHAR(16) NOT NULL,
    "kk" VARCHAR(16) NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "amount_idr" INTEGER NOT NULL,
    "disbursed_on" DATE NOT NULL,
    "district_code" VARCHAR(8) NOT NULL,

    CONSTRAINT "disbursement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "disbursement_nik_disbursed_on_idx" ON "disbursement"("nik", "disbursed_on");

-- CreateIndex
CREATE INDEX "disbursement_kk_disbursed_on_idx" ON "disbursement"("kk", "disbursed_on");

-- CreateIndex
CREATE INDEX "disbursement_program_code_period_idx" ON "disbursement"("program_code", "period");

-- AddForeignKey
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_program_code_fkey" FOREIGN KEY ("program_code") REFERENCES "program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
