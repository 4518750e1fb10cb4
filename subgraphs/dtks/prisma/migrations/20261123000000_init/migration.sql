-- CreateEnum
CREATE TYPE "DtksStatus" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "DtksStatusReason" AS ENUM ('MAMPU', 'PINDAH', 'MENINGGAL', 'DUPLIKAT', 'LAINNYA');

-- CreateTable
CREATE TABLE "dtks_member" (
    "nik" VARCHAR(16) NOT NULL,
    "kk" VARCHAR(16) NOT NULL,
    "decile" SMALLINT NOT NULL,
    "status" "DtksStatus" NOT NULL,
    "status_reason" "DtksStatusReason",
    "updated_on" DATE NOT NULL,

    CONSTRAINT "dtks_member_pkey" PRIMARY KEY ("nik")
);

-- CreateIndex
CREATE INDEX "dtks_member_kk_idx" ON "dtks_member"("kk");
